import type pg from 'pg';
import type { z } from 'zod';
import type { BounceRecord } from '../store/bounce-record.js';
import { copyBounces, insertBounces, storedWithOtherContent } from '../store/bounces.js';
import { upsertComplaints } from '../store/complaints.js';
import { printable, quoted } from '../printable.js';
import type { Queryable } from '../store/store.js';
import { upsertSends } from '../store/sends.js';
import { isAdapterEvent, type Adapter } from './adapters/adapter.js';
import { createBounceClassifier } from './classify.js';
import type { RecordSource, SourceRecord } from './records.js';
import type { Kind, RowOf } from './rows.js';

export interface ImportCounts {
  read: number;
  inserted: number;
  /** Rows that replaced the value stored before them, or the one an earlier row gave (sends, complaints). */
  replaced: number;
  /** Rows already stored. */
  duplicates: number;
  /** Bounces whose external id is stored with other content: not stored, reported like rejected rows. */
  conflicts: number;
  /** Payloads of other events (JSON formats). */
  ignored: number;
  rejected: number;
}

export interface Rejection {
  line: number;
  raw: string[];
  reason: string;
  /** `conflict`: a valid row that contradicts a stored one; `rejected`: an invalid row. */
  kind: 'rejected' | 'conflict';
}

export interface ImportOptions<K extends Kind> {
  db: Queryable;
  adapter: Adapter<K>;
  source: RecordSource;
  onReject?: (rejection: Rejection) => void | Promise<void>;
  /** Called after each batch is stored. */
  onBatch?: (counts: Readonly<ImportCounts>) => void;
  /** Rows per statement. */
  batchRows?: number;
  /** Text per statement (long diagnostics make big batches). */
  batchChars?: number;
  /**
   * Imports of files into a Postgres server: bounces go in larger batches, through COPY, each in a
   * transaction of its own with asynchronous commit (re-running the import restores what a crash
   * lost). Not for callers that promise durability on return (webhooks).
   */
  bulk?: { pool: pg.Pool };
}

type StoredCounts = Pick<ImportCounts, 'inserted' | 'replaced' | 'duplicates'> & {
  /** Indexes of the rows given that conflict with stored ones. */
  conflicts: number[];
};

/** Where a stored row came from, kept only for rows that may conflict (to report them). */
type Origin = Pick<SourceRecord, 'line' | 'raw'> | undefined;

/** What is stored for each kind: bounces complete with their classification. */
interface StoredOf {
  bounces: BounceRecord;
  sends: RowOf['sends'];
  complaints: RowOf['complaints'];
}

interface Writer<K extends Kind> {
  /**
   * Turns a validated row into what is stored, as soon as it is validated: the validated row then
   * dies young instead of being kept (and copied by the garbage collector) until its batch is full.
   */
  complete(row: RowOf[K]): StoredOf[K];
  write(db: Queryable, rows: StoredOf[K][]): Promise<StoredCounts>;
  /** Whether `write` may report the row as a conflict. */
  mayConflict(row: StoredOf[K]): boolean;
  /** Rows per statement unless the caller says otherwise. */
  batchRows: number;
  /**
   * Batches stored at the same time, on separate connections. Inserts that skip duplicates give
   * the same rows in any order; upserts that replace values must keep the file's order.
   */
  parallel: number;
}

const deadlockDetected = '40P01';

/**
 * Two batches holding the same new event in opposite order can deadlock on its unique key; Postgres
 * cancels one of them. Inserts skip rows already stored, so running it again is safe.
 */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== deadlockDetected || attempt >= attempts) throw error;
    }
  }
}

function writers(bulk: ImportOptions<Kind>['bulk']): { [K in Kind]: Writer<K> } {
  return {
    bounces: {
      parallel: 2,
      batchRows: bulk ? 20_000 : 5_000,
      complete: createBounceClassifier(),
      mayConflict: (record) => record.external_id !== null,
      async write(db, records) {
        const inserted = await retryOnDeadlock(() =>
          bulk ? copyBounces(bulk.pool, records) : insertBounces(db, records),
        );
        const conflicts = inserted < records.length ? await storedWithOtherContent(db, records) : [];
        return { inserted, replaced: 0, duplicates: records.length - inserted - conflicts.length, conflicts };
      },
    },
    sends: {
      parallel: 1,
      batchRows: 5_000,
      complete: (row) => row,
      mayConflict: () => false,
      async write(db, rows) {
        const { inserted, updated, unchanged } = await upsertSends(db, rows);
        return { inserted, replaced: updated, duplicates: unchanged, conflicts: [] };
      },
    },
    complaints: {
      parallel: 1,
      batchRows: 5_000,
      complete: (row) => row,
      mayConflict: () => false,
      async write(db, rows) {
        const { inserted, updated, unchanged } = await upsertComplaints(db, rows);
        return { inserted, replaced: updated, duplicates: unchanged, conflicts: [] };
      },
    },
  };
}

/** `sending_inbox: not an email address: "x"`, issues joined by "; ". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

const conflictReason = (record: BounceRecord) =>
  `conflict: external_id ${quoted(record.external_id ?? '')} of sequencer ${record.sequencer} is stored with another time, sender, recipient or diagnostic; this one is not stored`;

const rowChars = (record: SourceRecord) => record.raw.reduce((sum, field) => sum + field.length, 0);

/**
 * Validates every record and stores the good ones in batches, one statement each, while the next
 * batch is being read (at most `parallel` + 1 batches in memory). A bad record is reported and skipped;
 * stored rows are idempotent, so a killed import run again ends with the rows of one clean run.
 */
export async function importRecords<K extends Kind>(options: ImportOptions<K>): Promise<ImportCounts> {
  const { db, adapter, source } = options;
  const writer = writers(options.bulk)[adapter.kind] as Writer<K>;
  const batchRows = options.batchRows ?? writer.batchRows;
  const batchChars = options.batchChars ?? 8_000_000;
  const counts: ImportCounts = { read: 0, inserted: 0, replaced: 0, duplicates: 0, conflicts: 0, ignored: 0, rejected: 0 };
  let batch: StoredOf[K][] = [];
  let origins: Origin[] = [];
  let chars = 0;
  const writing = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const flush = async () => {
    while (writing.size >= writer.parallel) await Promise.race(writing);
    if (failure) throw failure.error;
    const rows = batch;
    const from = origins;
    batch = [];
    origins = [];
    chars = 0;
    const done: Promise<void> = writer
      .write(db, rows)
      .then(async (stored) => {
        counts.inserted += stored.inserted;
        counts.replaced += stored.replaced;
        counts.duplicates += stored.duplicates;
        counts.conflicts += stored.conflicts.length;
        for (const index of stored.conflicts) {
          const { line, raw } = from[index]!;
          await options.onReject?.({ line, raw, reason: conflictReason(rows[index] as BounceRecord), kind: 'conflict' });
        }
        options.onBatch?.(counts);
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => writing.delete(done));
    writing.add(done);
  };
  const reject = async (record: SourceRecord, reason: string) => {
    counts.rejected++;
    // Reasons may quote the input: its control characters are escaped once, here, for every caller.
    await options.onReject?.({ line: record.line, raw: record.raw, reason: printable(reason), kind: 'rejected' });
  };

  for await (const records of source.records) {
    for (const record of records) {
      counts.read++;
      if (record.error !== undefined) {
        await reject(record, record.error);
        continue;
      }
      if (adapter.input !== 'csv' && !isAdapterEvent(adapter, record.data)) {
        counts.ignored++;
        continue;
      }
      const parsed = adapter.schema.safeParse(record.data);
      if (!parsed.success) {
        await reject(record, describeIssues(parsed.error));
        continue;
      }
      const stored = writer.complete(parsed.data);
      batch.push(stored);
      origins.push(writer.mayConflict(stored) ? { line: record.line, raw: record.raw } : undefined);
      chars += rowChars(record);
      if (batch.length >= batchRows || chars >= batchChars) await flush();
    }
  }
  if (batch.length > 0) await flush();
  await Promise.all(writing);
  if (failure) throw failure.error;
  return counts;
}
