import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { OutboxRow } from '../../src/store/outbox.js';
import type { Store } from '../../src/store/store.js';
import { Pace } from '../../src/sync/pace.js';
import { syncTargets } from '../../src/sync/tools.js';
import { startSyncWorker, type SyncWorker, type SyncWorkerOptions } from '../../src/sync/worker.js';

export const instantlyKey = 'instantly-test-key-0123456789';
export const smartleadKey = 'smartlead-test-key-0123456789';
export const webhookSecret = 'decision-webhook-secret-0123456789';

/** The config of a test that carries decisions to the given fakes (each by its URL). */
export function syncConfig(urls: { instantly?: string; smartlead?: string; webhook?: string }, keys: { instantly?: string; smartlead?: string } = {}): Config {
  return loadConfig({
    ...(urls.instantly ? { INSTANTLY_API_KEY: keys.instantly ?? instantlyKey, INSTANTLY_API_URL: urls.instantly } : {}),
    ...(urls.smartlead ? { SMARTLEAD_API_KEY: keys.smartlead ?? smartleadKey, SMARTLEAD_API_URL: urls.smartlead } : {}),
    ...(urls.webhook ? { DECISION_WEBHOOK_URL: urls.webhook, DECISION_WEBHOOK_SECRET: webhookSecret } : {}),
    LOG_LEVEL: 'error',
  });
}

export interface Said {
  row: OutboxRow;
  sentence: string;
  worker: string;
}

export interface TestWorker {
  worker: SyncWorker;
  said: Said[];
  /** Resolves with what was said once `count` settled rows match. */
  waitForSaid(predicate: (said: Said) => boolean, count?: number, timeoutMs?: number): Promise<Said[]>;
  stop(): Promise<void>;
}

/**
 * A real sync worker on `store` for the tools in `config`, polling and backing off in milliseconds
 * rather than seconds (the tools' own paces are not under test here), recording what it says.
 */
export function startTestWorker(store: Store, config: Config, options: Partial<SyncWorkerOptions> = {}, said: Said[] = []): TestWorker {
  const logger = createLogger('error', new Writable({ write: (_chunk, _encoding, done) => done() }));
  const holder: { id: string } = { id: '' };
  const worker = startSyncWorker(
    { store, logger },
    {
      targets: syncTargets(config, { instantly: new Pace(0), smartlead: new Pace(0) }),
      pollMs: 20,
      backoff: { firstMs: 50, maxMs: 200 },
      report: async (row, sentence) => {
        said.push({ row, sentence, worker: holder.id });
      },
      ...options,
    },
  );
  holder.id = worker.id;
  return {
    worker,
    said,
    async waitForSaid(predicate, count = 1, timeoutMs = 5_000) {
      // Polls `said`, which workers sharing it (replicas of one test) all append to.
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
        const found = said.filter(predicate);
        if (found.length >= count) return found;
      }
      throw new Error(`sync worker: ${said.filter(predicate).length} of ${count} rows said after ${timeoutMs} ms; said: ${JSON.stringify(said.map((s) => s.sentence))}`);
    },
    stop: () => worker.stop(),
  };
}
