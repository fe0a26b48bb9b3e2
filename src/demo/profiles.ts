import type { MailboxProvider } from '../store/fleet.js';

/** The kinds of sending inbox the operator guide gives safe limits for. */
export const inboxTypes = ['google_workspace', 'outlook_premium', 'outlook_normal', 'private_smtp'] as const;
export type InboxType = (typeof inboxTypes)[number];

export interface InboxProfile {
  provider: MailboxProvider;
  /** Cold sends per inbox per day: the operator guide's safe range ("Respect Sending Limits"). */
  sendsPerDay: readonly [number, number];
  /**
   * Inboxes per domain. Workspace seats are paid per inbox, so teams run a few per domain; Microsoft
   * tenants carry many cheap inboxes. Ranges are chosen so a domain sends at least 50 a day (the
   * digest's min_sends) at the bottom of its safe range.
   */
  inboxesPerDomain: readonly [number, number];
  /** Share of the fleet's domains. */
  share: number;
}

export const inboxProfiles: Readonly<Record<InboxType, InboxProfile>> = {
  google_workspace: { provider: 'google', sendsPerDay: [18, 22], inboxesPerDomain: [3, 5], share: 0.5 },
  outlook_premium: { provider: 'microsoft', sendsPerDay: [8, 10], inboxesPerDomain: [10, 25], share: 0.15 },
  outlook_normal: { provider: 'microsoft', sendsPerDay: [3, 5], inboxesPerDomain: [17, 25], share: 0.15 },
  private_smtp: { provider: 'smtp', sendsPerDay: [11, 14], inboxesPerDomain: [5, 8], share: 0.2 },
};

/** The inbox type at `fraction` (0 ≤ fraction < 1) of the cumulative shares. */
export function inboxTypeAt(fraction: number): InboxType {
  let cumulative = 0;
  for (const type of inboxTypes) {
    cumulative += inboxProfiles[type].share;
    if (fraction < cumulative) return type;
  }
  return inboxTypes[inboxTypes.length - 1]!;
}

/** The most a domain's inbox of `provider` may send a day: the highest safe limit of its inbox types. */
export function safeDailyMax(provider: MailboxProvider): number {
  return Math.max(0, ...inboxTypes.filter((t) => inboxProfiles[t].provider === provider).map((t) => inboxProfiles[t].sendsPerDay[1]));
}
