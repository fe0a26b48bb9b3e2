import type { Queryable } from './store.js';

/** Messages one inbox sent on one UTC day (`day` is YYYY-MM-DD). */
export interface SendRecord {
  day: string;
  sending_inbox: string;
  sent: number;
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
  SELECT * FROM unnest($1::date[], $2::text[], $3::integer[], $4::integer[]) AS i(day, sending_inbox, sent, first_sent)
), written AS (
  INSERT INTO daily_sends AS s (day, sending_inbox, sent)
  SELECT day, sending_inbox, sent FROM input ORDER BY 1, 2
  ON CONFLICT (day, sending_inbox) DO UPDATE SET sent = excluded.sent, updated_at = now()
    WHERE s.sent IS DISTINCT FROM excluded.sent
)
-- The statement's snapshot: the counts stored before it, compared with each key's first record.
SELECT count(*) FILTER (WHERE s.sent IS NULL)::int AS inserted, count(*) FILTER (WHERE s.sent <> i.first_sent)::int AS updated
FROM input i LEFT JOIN daily_sends s USING (day, sending_inbox)`;

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
      if (seen.last.sent === record.sent) unchanged++;
      else updated++;
      seen.last = record;
    }
  }
  if (keys.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const entries = [...keys.values()];
  const { rows } = await db.query<{ inserted: number; updated: number }>(upsertSql, [
    entries.map((e) => e.last.day),
    entries.map((e) => e.last.sending_inbox),
    entries.map((e) => e.last.sent),
    entries.map((e) => e.first.sent),
  ]);
  const stored = rows[0]!;
  return { inserted: stored.inserted, updated: updated + stored.updated, unchanged: unchanged + entries.length - stored.inserted - stored.updated };
}
