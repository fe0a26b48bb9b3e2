import type { Queryable } from './store.js';

/** Messages one inbox sent on one UTC day (`day` is YYYY-MM-DD). */
export interface SendRecord {
  day: string;
  sending_inbox: string;
  sent: number;
  /** The bounces the sequencer itself counted that day (Instantly's `bounced`); left out or null: not given, the stored count is kept. */
  reported_bounces?: number | null;
}

/** What became of each record given, in order: each replaces the value before it (stored, or an earlier record's). */
export interface UpsertCounts {
  /** Records of a day and key not stored before. */
  inserted: number;
  /** Records that changed the value before them. */
  updated: number;
  /** Records carrying the value already there. */
  unchanged: number;
}

const upsertSql = `WITH input AS (
  SELECT * FROM unnest($1::date[], $2::text[], $3::integer[], $4::integer[], $5::integer[], $6::integer[])
    AS i(day, sending_inbox, sent, reported_bounces, first_sent, first_reported)
), written AS (
  INSERT INTO daily_sends AS s (day, sending_inbox, sent, reported_bounces)
  SELECT day, sending_inbox, sent, reported_bounces FROM input ORDER BY 1, 2
  ON CONFLICT (day, sending_inbox) DO UPDATE
    SET sent = excluded.sent, reported_bounces = coalesce(excluded.reported_bounces, s.reported_bounces), updated_at = now()
    WHERE (s.sent, s.reported_bounces) IS DISTINCT FROM (excluded.sent, coalesce(excluded.reported_bounces, s.reported_bounces))
)
-- The statement's snapshot: the counts stored before it, compared with each key's first record.
SELECT count(*) FILTER (WHERE s.sent IS NULL)::int AS inserted,
       count(*) FILTER (WHERE s.sent <> i.first_sent OR s.reported_bounces IS DISTINCT FROM coalesce(i.first_reported, s.reported_bounces))::int AS updated
FROM input i LEFT JOIN daily_sends s USING (day, sending_inbox)`;

/** Whether `next` changes what `before` left stored (a count it does not give keeps the one before). */
const changes = (before: SendRecord, next: SendRecord) =>
  before.sent !== next.sent || (next.reported_bounces != null && next.reported_bounces !== before.reported_bounces);

/**
 * Stores the counts; a record for the same day and inbox replaces the stored count, and a later
 * record replaces an earlier one (the last one in `records` stays).
 */
export async function upsertSends(db: Queryable, records: readonly SendRecord[]): Promise<UpsertCounts> {
  const keys = new Map<string, { first: SendRecord; last: SendRecord }>();
  let updated = 0;
  let unchanged = 0;
  for (const record of records) {
    const key = `${record.day}\u0000${record.sending_inbox}`;
    const seen = keys.get(key);
    if (!seen) keys.set(key, { first: record, last: record });
    else {
      if (changes(seen.last, record)) updated++;
      else unchanged++;
      seen.last = { ...record, reported_bounces: record.reported_bounces ?? seen.last.reported_bounces ?? null };
    }
  }
  if (keys.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const entries = [...keys.values()];
  const { rows } = await db.query<{ inserted: number; updated: number }>(upsertSql, [
    entries.map((e) => e.last.day),
    entries.map((e) => e.last.sending_inbox),
    entries.map((e) => e.last.sent),
    entries.map((e) => e.last.reported_bounces ?? null),
    entries.map((e) => e.first.sent),
    entries.map((e) => e.first.reported_bounces ?? null),
  ]);
  const stored = rows[0]!;
  return { inserted: stored.inserted, updated: updated + stored.updated, unchanged: unchanged + entries.length - stored.inserted - stored.updated };
}

/** The bounces the sequencer counted for a domain's inboxes on `day`, or null when no import gave such a count. */
export async function sequencerBounces(db: Queryable, domain: string, day: string): Promise<number | null> {
  const { rows } = await db.query<{ bounces: number | null }>(
    'SELECT sum(reported_bounces)::int AS bounces FROM daily_sends WHERE day = $1::date AND sending_domain = $2',
    [day, domain],
  );
  return rows[0]?.bounces ?? null;
}
