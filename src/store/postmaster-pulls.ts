import { claimRun, markRunFailed, updateClaimedRun, type Claim, type RunTable } from './run-claims.js';
import type { Queryable } from './store.js';

export type PostmasterPullStatus = 'claimed' | 'done' | 'failed';

export interface PostmasterPull {
  day: string;
  status: PostmasterPullStatus;
  claimed_by: string;
  error: string | null;
}

const pulls: RunTable = {
  table: 'postmaster_pulls',
  keys: [['day', 'date']],
  columns: 'day::text AS day, status, claimed_by, error',
  describe: ([day]) => `the Postmaster pull of ${String(day)}`,
};

/**
 * Claims serve's Postmaster pull for the digest day: a new one, a failed one, or a claim older than
 * `staleSeconds` (its process died or overran its deadline). A pull done, or claimed by a live
 * process, is left alone and returned unclaimed.
 */
export function claimPostmasterPull(db: Queryable, day: string, instance: string, staleSeconds: number): Promise<Claim<PostmasterPull>> {
  return claimRun<PostmasterPull>(db, pulls, [day], instance, staleSeconds);
}

export async function getPostmasterPull(db: Queryable, day: string): Promise<PostmasterPull | null> {
  const { rows } = await db.query<PostmasterPull>(`SELECT ${pulls.columns} FROM postmaster_pulls WHERE day = $1::date`, [day]);
  return rows[0] ?? null;
}

/** Records how this process's claimed pull ended: done, or failed with the line that says why. */
export function finishPostmasterPull(db: Queryable, day: string, instance: string, error: string | null): Promise<void> {
  return error === null
    ? updateClaimedRun(db, pulls, [day], instance, "status = 'done', finished_at = now(), error = NULL", [])
    : markRunFailed(db, pulls, [day], instance, error);
}
