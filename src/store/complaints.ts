import type { Queryable } from './store.js';
import type { UpsertCounts } from './sends.js';

/** Spam complaints of one sending domain on one UTC day: a count, a reported rate (fraction), or both. */
export interface ComplaintRecord {
  day: string;
  sending_domain: string;
  complaints: number | null;
  spam_rate: number | null;
}

type Values = Pick<ComplaintRecord, 'complaints' | 'spam_rate'>;

/** A record's values over the ones before it: the value it leaves out is kept. */
const over = (before: Values, record: Values): Values => ({
  complaints: record.complaints ?? before.complaints,
  spam_rate: record.spam_rate ?? before.spam_rate,
});
/** As stored: spam_rate is numeric(8, 6). */
const sameValues = (a: Values, b: Values) =>
  a.complaints === b.complaints && (a.spam_rate === null ? b.spam_rate === null : b.spam_rate !== null && Math.round(a.spam_rate * 1e6) === Math.round(b.spam_rate * 1e6));

const upsertSql = `WITH input AS (
  SELECT * FROM unnest($1::date[], $2::text[], $3::integer[], $4::numeric[], $5::integer[], $6::numeric[])
    AS i(day, sending_domain, complaints, spam_rate, first_complaints, first_spam_rate)
), written AS (
  INSERT INTO daily_complaints AS c (day, sending_domain, complaints, spam_rate)
  SELECT day, sending_domain, complaints, spam_rate FROM input ORDER BY 1, 2
  ON CONFLICT (day, sending_domain) DO UPDATE SET
    complaints = coalesce(excluded.complaints, c.complaints),
    spam_rate = coalesce(excluded.spam_rate, c.spam_rate),
    updated_at = now()
  WHERE (c.complaints, c.spam_rate) IS DISTINCT FROM
        (coalesce(excluded.complaints, c.complaints), coalesce(excluded.spam_rate, c.spam_rate))
)
-- The statement's snapshot: the values stored before it, compared with each key's first record.
SELECT count(*) FILTER (WHERE c.day IS NULL)::int AS inserted,
       count(*) FILTER (WHERE c.day IS NOT NULL AND (c.complaints, c.spam_rate) IS DISTINCT FROM
         (coalesce(i.first_complaints, c.complaints), coalesce(i.first_spam_rate::numeric(8, 6), c.spam_rate)))::int AS updated
FROM input i LEFT JOIN daily_complaints c USING (day, sending_domain)`;

/**
 * Stores the values; a record for the same day and domain replaces the values it carries and keeps
 * the other one, over what is stored and over the records before it in `records`.
 */
export async function upsertComplaints(db: Queryable, records: readonly ComplaintRecord[]): Promise<UpsertCounts> {
  const keys = new Map<string, { first: ComplaintRecord; merged: ComplaintRecord }>();
  let updated = 0;
  let unchanged = 0;
  for (const record of records) {
    const key = `${record.day}\u0000${record.sending_domain}`;
    const seen = keys.get(key);
    if (!seen) {
      keys.set(key, { first: record, merged: record });
      continue;
    }
    const merged = { ...seen.merged, ...over(seen.merged, record) };
    if (sameValues(merged, seen.merged)) unchanged++;
    else updated++;
    seen.merged = merged;
  }
  if (keys.size === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const entries = [...keys.values()];
  const { rows } = await db.query<{ inserted: number; updated: number }>(upsertSql, [
    entries.map((e) => e.merged.day),
    entries.map((e) => e.merged.sending_domain),
    entries.map((e) => e.merged.complaints),
    entries.map((e) => e.merged.spam_rate),
    entries.map((e) => e.first.complaints),
    entries.map((e) => e.first.spam_rate),
  ]);
  const stored = rows[0]!;
  return { inserted: stored.inserted, updated: updated + stored.updated, unchanged: unchanged + entries.length - stored.inserted - stored.updated };
}
