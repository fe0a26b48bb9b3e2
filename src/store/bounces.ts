import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyChunks } from './bounce-copy.js';
import type { BounceRecord } from './bounce-record.js';
import type { Queryable } from './store.js';

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
  ['sender_originated', 'boolean'],
] as const satisfies readonly (readonly [keyof BounceRecord, string])[];

/** Values of the optional fields a record leaves out, where null is not what left out means. */
const columnDefaults: Partial<Record<keyof BounceRecord, unknown>> = { sender_originated: false };

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
    columns.map(([name]) => records.map((record) => record[name] ?? columnDefaults[name] ?? null)),
  );
  return result.rowCount ?? 0;
}

const otherContentSql = `SELECT i.n::int AS n
FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
  AS i(sequencer, external_id, occurred_at, sending_inbox, recipient, diagnostic, n)
JOIN bounce_events e ON e.sequencer = i.sequencer AND e.external_id = i.external_id
WHERE (e.occurred_at, e.sending_inbox, e.recipient, e.diagnostic) IS DISTINCT FROM (i.occurred_at, i.sending_inbox, i.recipient, i.diagnostic)`;

/**
 * Which of `records` (indexes) carry an external id that is stored with another time, sender,
 * recipient or diagnostic: the content an event without an id is known by. Asked after inserting
 * them, it names the records that were skipped as conflicts, not duplicates.
 */
export async function storedWithOtherContent(db: Queryable, records: readonly BounceRecord[]): Promise<number[]> {
  const indexes = records.flatMap((record, i) => (record.external_id === null ? [] : [i]));
  if (indexes.length === 0) return [];
  const field = <K extends keyof BounceRecord>(name: K) => indexes.map((i) => records[i]![name]);
  const { rows } = await db.query<{ n: number }>(otherContentSql, [
    field('sequencer'),
    field('external_id'),
    field('occurred_at'),
    field('sending_inbox'),
    field('recipient'),
    field('diagnostic'),
  ]);
  return rows.map((row) => indexes[row.n - 1]!).sort((a, b) => a - b);
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
