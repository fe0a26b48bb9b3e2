import type { Queryable } from './store.js';

export type DigestRunStatus = 'claimed' | 'posted' | 'failed';

export interface DigestRun {
  day: string;
  channel: string;
  status: DigestRunStatus;
  claimed_by: string;
  claimed_at: Date;
  attempts: number;
  message_ts: string | null;
  replies_posted: number;
  replies_total: number | null;
  error: string | null;
  posted_at: Date | null;
}

const runColumns = `day::text AS day, channel, status, claimed_by, claimed_at, attempts, message_ts, replies_posted,
  replies_total, error, posted_at`;

export interface ClaimKey {
  day: string;
  channel: string;
  /** Who claims: this process (host, pid and a random part). */
  instance: string;
}

export type ClaimResult = { claimed: true; run: DigestRun } | { claimed: false; run: DigestRun };

/**
 * Claims the day's digest for `channel` in one statement: a new run, a failed one, or a claim whose
 * heartbeat is older than `staleSeconds` (its process died). Anything else (posted, or claimed by a
 * live process) is left alone and returned unclaimed.
 */
export async function claimDigestRun(db: Queryable, key: ClaimKey, staleSeconds: number): Promise<ClaimResult> {
  const { rows } = await db.query<DigestRun>(
    `INSERT INTO digest_runs AS r (day, channel, status, claimed_by) VALUES ($1::date, $2, 'claimed', $3)
     ON CONFLICT (day, channel) DO UPDATE SET status = 'claimed', claimed_by = excluded.claimed_by,
       claimed_at = now(), attempts = r.attempts + 1, error = NULL
      WHERE r.status = 'failed' OR (r.status = 'claimed' AND r.claimed_at < now() - make_interval(secs => $4))
     RETURNING ${runColumns}`,
    [key.day, key.channel, key.instance, staleSeconds],
  );
  if (rows[0]) return { claimed: true, run: rows[0] };
  const current = await getDigestRun(db, key.day, key.channel);
  if (!current) throw new Error(`digest run ${key.day} ${key.channel} vanished while being claimed`);
  return { claimed: false, run: current };
}

async function getDigestRun(db: Queryable, day: string, channel: string): Promise<DigestRun | null> {
  const { rows } = await db.query<DigestRun>(`SELECT ${runColumns} FROM digest_runs WHERE day = $1::date AND channel = $2`, [day, channel]);
  return rows[0] ?? null;
}

/** Thrown when this process no longer holds the claim (it was taken over as stale): it must stop posting. */
export class LostClaimError extends Error {}

async function updateClaimed(db: Queryable, key: ClaimKey, set: string, values: unknown[]): Promise<void> {
  const result = await db.query(
    `UPDATE digest_runs SET ${set}, claimed_at = now()
      WHERE day = $1::date AND channel = $2 AND claimed_by = $3 AND status = 'claimed'`,
    [key.day, key.channel, key.instance, ...values],
  );
  if (result.rowCount !== 1) throw new LostClaimError(`the digest for ${key.day} in ${key.channel} is no longer claimed by this process`);
}

/** Records the top-level message (and how many replies will follow) right after Slack returned it. */
export function recordDigestMessage(db: Queryable, key: ClaimKey, messageTs: string, repliesTotal: number): Promise<void> {
  return updateClaimed(db, key, 'message_ts = $4, replies_total = $5', [messageTs, repliesTotal]);
}

/** Records that the first `repliesPosted` threaded replies are in Slack (and renews the claim). */
export function recordDigestReplies(db: Queryable, key: ClaimKey, repliesPosted: number): Promise<void> {
  return updateClaimed(db, key, 'replies_posted = $4', [repliesPosted]);
}

export function markDigestPosted(db: Queryable, key: ClaimKey): Promise<void> {
  return updateClaimed(db, key, "status = 'posted', posted_at = now(), error = NULL", []);
}

/** Gives the claim back as failed, so the next tick (here or on another replica) tries again. */
export async function markDigestFailed(db: Queryable, key: ClaimKey, error: string): Promise<void> {
  await db.query(
    `UPDATE digest_runs SET status = 'failed', error = $4
      WHERE day = $1::date AND channel = $2 AND claimed_by = $3 AND status = 'claimed'`,
    [key.day, key.channel, key.instance, error.slice(0, 2000)],
  );
}
