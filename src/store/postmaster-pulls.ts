import type { Queryable } from './store.js';

export type PostmasterPullStatus = 'claimed' | 'done' | 'failed';

export interface PostmasterPull {
  day: string;
  status: PostmasterPullStatus;
  claimed_by: string;
  error: string | null;
}

const pullColumns = 'day::text AS day, status, claimed_by, error';

/**
 * Claims serve's Postmaster pull for the digest day in one statement: a new one, a failed one, or a
 * claim older than `staleSeconds` (its process died or overran its deadline). A pull done, or
 * claimed by a live process, is left alone and returned unclaimed.
 */
export async function claimPostmasterPull(
  db: Queryable,
  day: string,
  instance: string,
  staleSeconds: number,
): Promise<{ claimed: boolean; pull: PostmasterPull }> {
  const { rows } = await db.query<PostmasterPull>(
    `INSERT INTO postmaster_pulls AS p (day, status, claimed_by) VALUES ($1::date, 'claimed', $2)
     ON CONFLICT (day) DO UPDATE SET status = 'claimed', claimed_by = excluded.claimed_by, claimed_at = now(),
       finished_at = NULL, error = NULL
      WHERE p.status = 'failed' OR (p.status = 'claimed' AND p.claimed_at < now() - make_interval(secs => $3))
     RETURNING ${pullColumns}`,
    [day, instance, staleSeconds],
  );
  if (rows[0]) return { claimed: true, pull: rows[0] };
  const current = await getPostmasterPull(db, day);
  if (!current) throw new Error(`the Postmaster pull of ${day} vanished while being claimed`);
  return { claimed: false, pull: current };
}

export async function getPostmasterPull(db: Queryable, day: string): Promise<PostmasterPull | null> {
  const { rows } = await db.query<PostmasterPull>(`SELECT ${pullColumns} FROM postmaster_pulls WHERE day = $1::date`, [day]);
  return rows[0] ?? null;
}

/** Records how this process's claimed pull ended: done, or failed with the line that says why. */
export async function finishPostmasterPull(db: Queryable, day: string, instance: string, error: string | null): Promise<void> {
  await db.query(
    `UPDATE postmaster_pulls SET status = CASE WHEN $3::text IS NULL THEN 'done' ELSE 'failed' END, finished_at = now(), error = $3
      WHERE day = $1::date AND claimed_by = $2 AND status = 'claimed'`,
    [day, instance, error === null ? null : error.slice(0, 2000)],
  );
}
