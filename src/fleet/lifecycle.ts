/** Lifecycle state of a sending domain; only `active` domains are judged in the fleet digest. */
export const domainStatuses = ['active', 'pulled', 'reserved'] as const;
export type DomainStatus = (typeof domainStatuses)[number];

/** What someone can decide on a domain: three status changes, and Keep (it stays active and out of the digest for a while). */
export const domainDecisions = ['pull', 'reserve', 'reactivate', 'keep'] as const;
export type DomainDecision = (typeof domainDecisions)[number];
export type StatusDecision = Exclude<DomainDecision, 'keep'>;

/** The status each status change leads to. */
export const statusAfter: Record<StatusDecision, DomainStatus> = { pull: 'pulled', reserve: 'reserved', reactivate: 'active' };

/**
 * The decisions allowed from each status: the buttons offer exactly these, and a change to a status
 * none of them leads to is refused (a reserved domain is not sending, so it is reactivated, never pulled).
 */
export const decisionsFrom: Record<DomainStatus, readonly DomainDecision[]> = {
  active: ['pull', 'reserve', 'keep'],
  pulled: ['reactivate', 'reserve'],
  reserved: ['reactivate'],
};

/** The statuses a domain in status `from` may move to. */
export function nextStatuses(from: DomainStatus): DomainStatus[] {
  return decisionsFrom[from].flatMap((decision) => (decision === 'keep' ? [] : [statusAfter[decision]]));
}

/** The statuses a domain may move to `to` from. */
export function statusesLeadingTo(to: DomainStatus): DomainStatus[] {
  return domainStatuses.filter((from) => nextStatuses(from).includes(to));
}
