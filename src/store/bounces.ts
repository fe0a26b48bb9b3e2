import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyChunks } from './bounce-copy.js';
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
  /** The SMTP command the receiver refused (see docs/bounce-reader.md), when the text shows it; left out means unknown. */
  smtp_stage?: string | null;
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
  ['smtp_stage', 'text'],
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
    columns.map(([name]) => records.map((record) => record[name] ?? null)),
  );
  return result.rowCount ?? 0;
}

/** Connections that already have the loading table (it lives as long as the session). */
const withLoadTable = new WeakSet<pg.PoolClient>();

// temp_buffers must be set before the session first touches a temporary table: a batch fits in memory.
const loadTableSql = `SET temp_buffers = '64MB';
CREATE TEMPORARY TABLE IF NOT EXISTS bounce_load (
  ${columns.map(([name, type]) => `${name} ${type}`).join(',\n  ')}
) ON COMMIT DELETE ROWS`;

const insertFromLoadSql = `INSERT INTO bounce_events (${columns.map(([name]) => name).join(', ')})
SELECT ${columns.map(([name]) => name).join(', ')} FROM bounce_load
ON CONFLICT DO NOTHING`;

/**
 * Whether `copyBounces` can be used: a Postgres server, not PGlite (the embedded database, also
 * when another process reaches it through its socket server) which lacks COPY FROM STDIN and runs
 * every connection in its one session.
 */
export async function takesCopy(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ pglite: boolean }>(`SELECT version() LIKE '%PGlite%' AS pglite`);
  return rows[0]?.pglite === false;
}

/**
 * For imports of files into a Postgres server (see `takesCopy`): sends
 * the events with COPY into a session-local table and inserts them from there in one statement, in
 * a transaction of its own with asynchronous commit (a crash of the database server loses at most
 * the last moments' batches; importing the file again restores them, as stored rows are skipped).
 * Returns how many were new. Never use it where a caller is told "stored" on return (webhooks).
 */
export async function copyBounces(pool: pg.Pool, records: readonly BounceRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // work_mem: the rollup trigger's transition table holds the whole batch.
    await client.query("BEGIN; SET LOCAL synchronous_commit TO off; SET LOCAL work_mem = '64MB'");
    // Created in the transaction: known to exist once it commits.
    if (!withLoadTable.has(client)) await client.query(loadTableSql);
    await pipeline(Readable.from(copyChunks(records)), client.query(copyFrom('COPY bounce_load FROM STDIN')));
    const inserted = (await client.query(insertFromLoadSql)).rowCount ?? 0;
    await client.query('COMMIT');
    withLoadTable.add(client);
    return inserted;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
