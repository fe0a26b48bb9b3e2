/** An error whose message is meant for the person who ran smtp-desk: shown as one line, no stack. */
export class UserFacingError extends Error {}
