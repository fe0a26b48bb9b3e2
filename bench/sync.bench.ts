// Pulling a fleet's domains through the outbox against a fake Instantly that answers every call in
// 50 ms (SYNC_BENCH_LATENCY_MS), against the same pauses made one after another in the same run:
// SYNC_BENCH_DOMAINS (100) active domains of SYNC_BENCH_INBOXES (5) inboxes each, on a fresh
// embedded database (or a schema of BENCH_DATABASE_URL).
//
// outbox:   each domain pulled with decideDomainStatus (the click's transaction: status, history,
//           outbox row), then the sync worker of one process delivers every row with its defaults
//           (8 rows at once, Instantly's 100 requests a second): list the domain's accounts, pause
//           them in one bulk call, remember and confirm each.
// baseline: the same 500 pauses as a script would make them, POST /accounts/{email}/pause one
//           after another, and nothing remembered.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { decideDomainStatus } from '../src/fleet/decide.js';
import { createLogger } from '../src/logger.js';
import { upsertDomains } from '../src/store/fleet.js';
import { migrate } from '../src/store/migrate.js';
import { openStore, type Store } from '../src/store/store.js';
import { syncTargets } from '../src/sync/tools.js';
import { startSyncWorker } from '../src/sync/worker.js';
import { startFakeInstantly } from '../test/support/fake-instantly.js';
import { machineLine } from './support/machine.js';

const domains = Number(process.env.SYNC_BENCH_DOMAINS ?? 100);
const inboxes = Number(process.env.SYNC_BENCH_INBOXES ?? 5);
const latencyMs = Number(process.env.SYNC_BENCH_LATENCY_MS ?? 50);
const serverUrl = process.env.BENCH_DATABASE_URL;
const apiKey = 'bench-instantly-key-0123456789';

async function openBenchStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  const schema = serverUrl ? `bench_sync_${randomBytes(4).toString('hex')}` : undefined;
  if (serverUrl && schema) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  }
  const store = await openStore({ databaseUrl: serverUrl, dataDir: undefined, schema });
  await migrate(store.pool);
  return {
    store,
    async drop() {
      await store.close();
      if (!serverUrl || !schema) return;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const names = Array.from({ length: domains }, (_, i) => `fleet${String(i).padStart(3, '0')}.example`);
const accounts = names.flatMap((domain) => Array.from({ length: inboxes }, (_, n) => ({ email: `in${n}@${domain}`, status: 1 })));

async function outboxRun(): Promise<{ decideMs: number; totalMs: number; paused: number; calls: number }> {
  const fake = await startFakeInstantly({ apiKey, accounts });
  fake.delayMs = latencyMs;
  const { store, drop } = await openBenchStore();
  try {
    await upsertDomains(store.pool, names.map((domain) => ({ domain })));
    const config = loadConfig({ INSTANTLY_API_KEY: apiKey, INSTANTLY_API_URL: fake.apiUrl, LOG_LEVEL: 'error' });
    let settled = 0;
    let allSettled: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allSettled = resolve));
    const logger = createLogger('error', new Writable({ write: (_chunk, _encoding, next) => next() }));
    const started = performance.now();
    const worker = startSyncWorker({ store, logger }, {
      targets: syncTargets(config),
      report: async () => {
        settled += 1;
        if (settled === domains) allSettled();
      },
    });
    for (const domain of names) await decideDomainStatus({ store, config }, { domain, to: 'pulled', actor: 'bench', source: 'cli' });
    const decideMs = performance.now() - started;
    await done;
    const totalMs = performance.now() - started;
    await worker.stop();
    return { decideMs, totalMs, paused: fake.paused.length, calls: fake.calls.length };
  } finally {
    await drop();
    await fake.stop();
  }
}

async function oneAfterAnother(): Promise<{ totalMs: number; paused: number; calls: number }> {
  const fake = await startFakeInstantly({ apiKey, accounts });
  fake.delayMs = latencyMs;
  try {
    const started = performance.now();
    for (const { email } of accounts) {
      const response = await fetch(`${fake.apiUrl}/accounts/${encodeURIComponent(email)}/pause`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`pause ${email}: HTTP ${response.status}`);
      await response.text();
    }
    return { totalMs: performance.now() - started, paused: fake.paused.length, calls: fake.calls.length };
  } finally {
    await fake.stop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`${domains} domains × ${inboxes} inboxes, fake Instantly answering in ${latencyMs} ms, ${serverUrl ? 'server Postgres' : 'embedded PGlite'}`);
console.log(machineLine());
console.log(`load average before: ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
const outbox = await outboxRun();
const baseline = await oneAfterAnother();
console.log(`load average after: ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
console.log('| run | decisions recorded | all inboxes paused | inboxes paused | calls to Instantly |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| outbox (decide + worker) | ${seconds(outbox.decideMs)} | ${seconds(outbox.totalMs)} | ${outbox.paused} | ${outbox.calls} |`);
console.log(`| baseline: pauses one after another | – | ${seconds(baseline.totalMs)} | ${baseline.paused} | ${baseline.calls} |`);
console.log(`ratio (baseline / outbox, until all paused): ${(baseline.totalMs / outbox.totalMs).toFixed(1)}×`);
if (outbox.paused !== accounts.length || baseline.paused !== accounts.length) {
  console.error(`expected ${accounts.length} inboxes paused in each run`);
  process.exitCode = 1;
}
