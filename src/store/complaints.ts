import type { Queryable } from './store.js';
import type { UpsertCounts } from './sends.js';

/** Spam complaints of one sending domain on one UTC day: a count, a reported rate (fraction), or both. */
export interface ComplaintRecord {
  day: string;
  sending_domain: string;
  complaints: number | null;
  spam_rate: number | null;
}

/**
 * Stores the values; a row for the same day and domain replaces the values it carries and keeps
 * the other one (the last row in `records` wins).
 */
export async function upsertComplaints(db: Queryable, records: readonly ComplaintRecord[]): Promise<UpsertCounts> {
  const latest = [...new Map(records.map((record) => [`${record.day}\u0000${record.sending_domain}`, record])).values()];
  if (latest.length === 0) return { inserted: 0, updated: 0, unchanged: records.length };
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO daily_complaints AS c (day, sending_domain, complaints, spam_rate)
     SELECT * FROM unnest($1::date[], $2::text[], $3::integer[], $4::numeric[]) ORDER BY 1, 2
     ON CONFLICT (day, sending_domain) DO UPDATE SET
       complaints = coalesce(excluded.complaints, c.complaints),
       spam_rate = coalesce(excluded.spam_rate, c.spam_rate),
       updated_at = now()
     WHERE (c.complaints, c.spam_rate) IS DISTINCT FROM
           (coalesce(excluded.complaints, c.complaints), coalesce(excluded.spam_rate, c.spam_rate))
     RETURNING (xmax = 0) AS inserted`,
    [latest.map((r) => r.day), latest.map((r) => r.sending_domain), latest.map((r) => r.complaints), latest.map((r) => r.spam_rate)],
  );
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: records.length - rows.length };
}
