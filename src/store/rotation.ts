import type { DomainRow } from './fleet.js';
import type { Queryable } from './store.js';

/**
 * Reserve domains to put into rotation in place of `domain`: those reserved the longest first,
 * the ones with the same mailbox provider (when known) ahead of the rest.
 */
export async function reserveSuggestions(db: Queryable, domain: string, limit: number): Promise<DomainRow[]> {
  const { rows } = await db.query<DomainRow>(
    `SELECT r.domain, r.status, r.provider, r.status_changed_at, r.created_at
       FROM sending_domains r LEFT JOIN sending_domains p ON p.domain = $1
      WHERE r.status = 'reserved' AND r.domain <> $1
      ORDER BY (p.provider IS NOT NULL AND r.provider = p.provider) DESC, r.status_changed_at, r.domain
      LIMIT $2`,
    [domain, limit],
  );
  return rows;
}
