import { claimRun, LostClaimError, markRunFailed, updateClaimedRun, type Claim, type RunTable } from './run-claims.js';
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

export type ClaimResult = Claim<DigestRun>;

const digestRuns: RunTable = {
  table: 'digest_runs',
  keys: [['day', 'date'], ['channel', 'text']],
  columns: runColumns,
  describe: ([day, channel]) => `the digest for ${String(day)} in ${String(channel)}`,
};

const keyOf = (key: ClaimKey) => [key.day, key.channel];

/** Claims the day's digest for `channel` (see claimRun): exactly one process posts it. */
export function claimDigestRun(db: Queryable, key: ClaimKey, staleSeconds: number): Promise<ClaimResult> {
  return claimRun<DigestRun>(db, digestRuns, keyOf(key), key.instance, staleSeconds);
}

export { LostClaimError };

const updateClaimed = (db: Queryable, key: ClaimKey, set: string, values: unknown[]) => updateClaimedRun(db, digestRuns, keyOf(key), key.instance, set, values);

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
export function markDigestFailed(db: Queryable, key: ClaimKey, error: string): Promise<void> {
  return markRunFailed(db, digestRuns, keyOf(key), key.instance, error);
}
