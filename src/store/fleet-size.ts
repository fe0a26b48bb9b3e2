import type { Queryable } from './queryable.js';

/** Whether any sending domain is stored, whatever its status. */
export async function hasSendingDomains(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM sending_domains) AS any');
  return rows[0]?.any ?? false;
}
