import type { Queryable } from './queryable.js';

/** One bounce event as stored (see docs/data-model.md, bounce_events); addresses lower-case ASCII. */
export interface BounceRecord {
  occurred_at: Date;
  sending_inbox: string;
  recipient: string;
  reply_code: number | null;
  enhanced_code: string | null;
  diagnostic: string;
  category: string;
  auth_check: string | null;
  provider: string | null;
  sequencer: string;
  campaign: string | null;
  external_id: string | null;
}

const columns = [
  ['occurred_at', 'timestamptz'],
  ['sending_inbox', 'text'],
  ['recipient', 'text'],
  ['reply_code', 'smallint'],
  ['enhanced_code', 'text'],
  ['diagnostic', 'text'],
  ['category', 'text'],
  ['auth_check', 'text'],
  ['provider', 'text'],
  ['sequencer', 'text'],
  ['campaign', 'text'],
  ['external_id', 'text'],
] as const satisfies readonly (readonly [keyof BounceRecord, string])[];

const insertSql = `INSERT INTO bounce_events (${columns.map(([name]) => name).join(', ')})
SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
ON CONFLICT DO NOTHING`;

/**
 * Inserts the events in one statement; events already stored (same sequencer and external id, or
 * same content) are skipped. Returns how many were new. The rollups follow in the same statement.
 */
export async function insertBounces(db: Queryable, records: readonly BounceRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const result = await db.query(
    insertSql,
    columns.map(([name]) => records.map((record) => record[name])),
  );
  return result.rowCount ?? 0;
}
