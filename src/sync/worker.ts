import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import { claimDueSync, rescheduleSync, settleSync, type OutboxRow } from '../store/outbox.js';
import { deliverSync } from './deliver.js';
import { RetryLater } from './http.js';
import { onSyncNudge } from './nudge.js';
import type { SyncTargets } from './tools.js';
import { syncSentence } from './words.js';

/** Told once per row, by the worker that settled it: where the decision was said, the line to say. */
export type SyncReporter = (row: OutboxRow, sentence: string) => Promise<void>;

export interface SyncWorkerOptions {
  targets: SyncTargets;
  report: SyncReporter;
  /** How often to look for due rows when there is nothing to do. */
  pollMs?: number;
  /** Rows delivered at once by this worker. */
  concurrency?: number;
  /** How long a claim lasts: a worker that died gives its rows up after this. Longer than any one attempt. */
  leaseMs?: number;
  /** A row not delivered this long after its decision is given up, and said so. */
  giveUpAfterMs?: number;
  /** Waits between attempts when the tool did not say how long: doubling from `firstMs` up to `maxMs`. */
  backoff?: { firstMs: number; maxMs: number };
}

const syncDefaults = {
  pollMs: 1_000,
  concurrency: 8,
  leaseMs: 10 * 60_000,
  giveUpAfterMs: 60 * 60_000,
  backoff: { firstMs: 5_000, maxMs: 5 * 60_000 },
};

export interface SyncWorker {
  /** Who this worker is in the rows' lease. */
  id: string;
  /** Stops claiming, drops the calls in flight (their rows are due again at once) and waits for them. */
  stop(): Promise<void>;
}

const duration = (ms: number) => (ms >= 3_600_000 ? `${ms / 3_600_000} h` : ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/**
 * Delivers the outbox: claims due rows (each replica's worker gets different ones), runs one attempt
 * of each, and settles it (done or failed, then reported once) or gives it back for later: after
 * the tool's Retry-After, else with a doubling back-off, until the row is `giveUpAfterMs` old.
 */
export function startSyncWorker(context: Pick<AppContext, 'store' | 'logger'>, options: SyncWorkerOptions): SyncWorker {
  const { pollMs, concurrency, leaseMs, giveUpAfterMs, backoff } = { ...syncDefaults, ...options };
  const db = context.store.pool;
  const { logger } = context;
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let claiming = false;
  /** A row finished while a claim was running: claim again right after it, not at the next poll. */
  let claimAgain = false;

  const report = async (row: OutboxRow, leftAlone: number) => {
    const sentence = syncSentence(row, leftAlone);
    await options.report(row, sentence).catch((error: unknown) => logger.warn(`saying "${sentence}" failed: ${(error as Error).message}`));
  };

  const giveBack = async (row: OutboxRow, error: RetryLater) => {
    const delay = error.afterMs ?? Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, row.attempts - 1));
    if (!stopping.signal.aborted && Date.now() + delay > row.created_at.getTime() + giveUpAfterMs) {
      const settled = await settleSync(db, row.id, id, 'failed', `gave up after ${duration(giveUpAfterMs)}: ${error.message}`);
      if (settled) await report(settled, 0);
      return;
    }
    logger.info(`${row.tool} ${row.action} of ${row.domain}: ${error.message}; trying again in ${duration(delay)}`);
    await rescheduleSync(db, row.id, id, delay, error.message);
  };

  const attempt = async (row: OutboxRow) => {
    try {
      const outcome = await deliverSync(db, row, options.targets, stopping.signal);
      const settled = await settleSync(db, row.id, id, outcome.state, outcome.error);
      if (settled) await report(settled, outcome.leftAlone);
      else logger.warn(`${row.tool} ${row.action} of ${row.domain} was taken over by another worker before it settled here`);
    } catch (error) {
      const retry = error instanceof RetryLater ? error : new RetryLater((error as Error).message);
      await giveBack(row, retry).catch((lost: unknown) => logger.error(`the outbox row ${row.id} stays leased until its lease ends: ${(lost as Error).message}`));
    }
  };

  const claim = async () => {
    if (stopping.signal.aborted) return;
    if (claiming) {
      claimAgain = true;
      return;
    }
    claiming = true;
    claimAgain = false;
    clearTimeout(timer);
    try {
      const free = concurrency - inFlight.size;
      const rows = free > 0 ? await claimDueSync(db, { worker: id, ms: leaseMs }, free) : [];
      for (const row of rows) {
        const running: Promise<void> = attempt(row).finally(() => {
          inFlight.delete(running);
          void claim();
        });
        inFlight.add(running);
      }
    } catch (error) {
      logger.warn(`looking for sync work failed: ${(error as Error).message}; trying again in ${duration(pollMs)}`);
    } finally {
      claiming = false;
      if (!stopping.signal.aborted) timer = setTimeout(() => void claim(), claimAgain ? 0 : pollMs);
    }
  };

  setImmediate(() => void claim());
  const stopNudges = onSyncNudge(() => void claim());
  return {
    id,
    async stop() {
      stopNudges();
      stopping.abort(new RetryLater('smtp-desk stopped', 0));
      clearTimeout(timer);
      while (claiming || inFlight.size > 0) await Promise.allSettled([...inFlight, new Promise((resolve) => setTimeout(resolve, 10))]);
    },
  };
}
