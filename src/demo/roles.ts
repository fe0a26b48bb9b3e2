import type { DomainStatus } from '../fleet/lifecycle.js';
import type { InboxType } from './profiles.js';

/**
 * What a demo domain is made to show. Most are `healthy`; a few are made to break one digest rule on
 * the last generated day, and a few are already out of rotation (pulled, or reserved as warmed spares).
 */
export const specialRoles = [
  'bounce_rate',
  'complaint_rate_reported',
  'complaint_rate_counted',
  'invalid_rate',
  'reputation_block_pull',
  'reputation_block_watch',
  'spike_554',
  'auth_failure',
  'persistent_421',
  'low_volume',
  'pulled_for_bounces',
  'pulled_for_complaints',
  'reserved',
] as const;
export type SpecialRole = (typeof specialRoles)[number];
export type Role = SpecialRole | 'healthy';

export interface RoleSpec {
  /** What the mapping printed after a load says about these domains. */
  label: string;
  /** The inbox type the story needs (volume decides what a count means), null for the fleet's mix. */
  inboxType: InboxType | null;
  /** Inboxes per domain instead of the profile's range (volume again). */
  inboxes?: readonly [number, number];
  status: DomainStatus;
}

export const roleSpecs: Readonly<Record<Role, RoleSpec>> = {
  healthy: { label: 'healthy', inboxType: null, status: 'active' },
  bounce_rate: { label: 'bounce_rate (pull): a stale list, dead company domains', inboxType: 'private_smtp', status: 'active' },
  complaint_rate_reported: { label: 'complaint_rate (pull): Postmaster spam rate 0.41 %', inboxType: 'google_workspace', status: 'active' },
  complaint_rate_counted: { label: 'complaint_rate (pull): feedback-loop complaints', inboxType: 'outlook_premium', status: 'active' },
  invalid_rate: { label: 'invalid_rate (fix): unverified list, 5.1.1s', inboxType: 'google_workspace', status: 'active' },
  reputation_block_pull: { label: 'reputation_block (pull): blocklisted at 3 recipient domains', inboxType: 'outlook_premium', status: 'active' },
  reputation_block_watch: { label: 'reputation_block (watch): one recipient domain blocks', inboxType: 'google_workspace', status: 'active' },
  spike_554: { label: 'spike_554 (watch): 554 relay denials jump', inboxType: 'outlook_premium', inboxes: [18, 25], status: 'active' },
  auth_failure: { label: 'auth_failure (fix): SPF and DMARC failures', inboxType: 'private_smtp', status: 'active' },
  persistent_421: { label: 'persistent_421 (fix): every sending hour throttled for 2 days (33 h)', inboxType: 'outlook_premium', status: 'active' },
  low_volume: { label: 'low_volume (info): a new domain, 2 inboxes, 3 days old', inboxType: 'google_workspace', inboxes: [2, 2], status: 'active' },
  pulled_for_bounces: { label: 'already pulled (bounce rate)', inboxType: 'private_smtp', status: 'pulled' },
  pulled_for_complaints: { label: 'already pulled (complaints)', inboxType: 'outlook_premium', status: 'pulled' },
  reserved: { label: 'reserved (warmed spares for rotation)', inboxType: null, status: 'reserved' },
};

/** How many domains play each special role in a fleet of `domains`. */
export function roleCounts(domains: number): Readonly<Record<SpecialRole, number>> {
  const perRule = Math.max(1, Math.round(domains / 5000));
  const pulled = Math.max(1, Math.round(domains / 2000));
  const counts = Object.fromEntries(specialRoles.map((role) => [role, perRule])) as Record<SpecialRole, number>;
  counts.pulled_for_bounces = pulled;
  counts.pulled_for_complaints = pulled;
  counts.reserved = Math.max(3, Math.round(domains * 0.03));
  return counts;
}

/**
 * The special roles in the order they are handed out: every role once per round (the rules first,
 * then pulled and reserved) until each has its count; a fleet smaller than the list keeps its head.
 */
export function specialRoleList(domains: number): SpecialRole[] {
  const counts = roleCounts(domains);
  const rounds = Math.max(...specialRoles.map((role) => counts[role]));
  const list: SpecialRole[] = [];
  for (let round = 0; round < rounds && list.length < domains; round++) {
    list.push(...specialRoles.filter((role) => counts[role] > round));
  }
  return list.slice(0, domains);
}

/** The role of fleet position `index`: special roles are spread evenly over the fleet. */
export function roleAt(specials: readonly SpecialRole[], domains: number, index: number): Role {
  const m = specials.length;
  if (m === 0) return 'healthy';
  const j = Math.ceil((index * m) / domains);
  return j < m && Math.floor((j * domains) / m) === index ? specials[j]! : 'healthy';
}
