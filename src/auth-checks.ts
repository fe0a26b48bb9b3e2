/** The authentication checks a receiver can report as failed, in the order messages name them. */
export const authChecks = ['spf', 'dkim', 'dmarc', 'ptr', 'multiple'] as const;
export type AuthCheck = (typeof authChecks)[number];
