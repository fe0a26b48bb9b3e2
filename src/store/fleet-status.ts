import type { DomainStatus } from '../fleet/lifecycle.js';
import type { Queryable } from './store.js';

/** Whether any sending domain is stored, whatever its status. */
export async function hasSendingDomains(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM sending_domains) AS any');
  return rows[0]?.any ?? false;
}

export type StatusCounts = Record<DomainStatus, number>;

/** How many sending domains are in each status now. */
export async function domainStatusCounts(db: Queryable): Promise<StatusCounts> {
  const { rows } = await db.query<{ status: DomainStatus; domains: number }>(
    'SELECT status, count(*)::int AS domains FROM sending_domains GROUP BY status',
  );
  const counts: StatusCounts = { active: 0, pulled: 0, reserved: 0 };
  for (const row of rows) counts[row.status] = row.domains;
  return counts;
}

export interface StatusChangeSummary {
  domain: string;
  from_status: DomainStatus | null;
  to_status: DomainStatus;
  actor: string;
  at: Date;
  reason: string | null;
}

/**
 * Status changes with `since <= at < until`, newest first, at most `limit` of them, and how many
 * there were in all.
 */
export async function recentStatusChanges(
  db: Queryable,
  since: Date,
  until: Date,
  limit: number,
): Promise<{ changes: StatusChangeSummary[]; total: number }> {
  const { rows } = await db.query<StatusChangeSummary & { total: number }>(
    `SELECT domain, from_status, to_status, actor, at, reason, count(*) OVER ()::int AS total
       FROM domain_status_history WHERE at >= $1 AND at < $2
      ORDER BY at DESC, id DESC LIMIT $3`,
    [since, until, limit],
  );
  return { changes: rows.map(({ total: _total, ...change }) => change), total: rows[0]?.total ?? 0 };
}

