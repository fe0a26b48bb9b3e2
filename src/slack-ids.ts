/**
 * The shape of a Slack ID: a letter naming its kind, then upper-case letters and digits (U0123ABCD).
 * Config validates IDs with it and the Block Kit builders tell a Slack user from a CLI name with it.
 */
export const slackIdKinds = {
  /** People: members (U…) and Enterprise Grid members (W…). */
  user: ['U', 'W'],
  /** Who may approve: people and user groups (S…). */
  approver: ['U', 'W', 'S'],
  /** Where the digest goes: public (C…) and private (G…) channels. */
  channel: ['C', 'G'],
} as const satisfies Record<string, readonly string[]>;

export type SlackIdKind = keyof typeof slackIdKinds;

/** The pattern a Slack ID of the given kind matches. */
export function slackIdPattern(kind: SlackIdKind): RegExp {
  return new RegExp(`^[${slackIdKinds[kind].join('')}][A-Z0-9]{2,}$`);
}
