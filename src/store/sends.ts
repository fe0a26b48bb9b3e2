import type { Queryable } from './store.js';

/** Messages one inbox sent on one UTC day (`day` is YYYY-MM-DD). */
export interface SendRecord {
  day: string;
  sending_inbox: string;
  sent: number;
}

export interface UpsertCounts {
  /** Rows that were not there before. */
  inserted: number;
  /** Rows whose value changed. */
  updated: number;
  /** Rows already stored with the same value. */
  unchanged: number;
}

/** Stores the counts; a row for the same day and inbox replaces the stored count (the last one in `records` wins). */
export async function upsertSends(db: Queryable, records: readonly SendRecord[]): Promise<UpsertCounts> {
  const latest = [...new Map(records.map((record) => [`${record.day}\u0000${record.sending_inbox}`, record])).values()];
  if (latest.length === 0) return { inserted: 0, updated: 0, unchanged: records.length };
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO daily_sends AS s (day, sending_inbox, sent)
     SELECT * FROM unnest($1::date[], $2::text[], $3::integer[]) ORDER BY 1, 2
     ON CONFLICT (day, sending_inbox) DO UPDATE SET sent = excluded.sent, updated_at = now()
       WHERE s.sent IS DISTINCT FROM excluded.sent
     RETURNING (xmax = 0) AS inserted`,
    [latest.map((r) => r.day), latest.map((r) => r.sending_inbox), latest.map((r) => r.sent)],
  );
  const inserted = rows.filter((row) => row.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: records.length - rows.length };
}
