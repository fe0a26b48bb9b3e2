// The demo fleet at platform scale (default 100,000 domains × 14 days) loaded into a Postgres server,
// in a fresh schema: load time, rows and size per table. Baseline: the same rows written into a second
// fresh schema (same migrations, same rollup triggers) by `COPY … FROM` of CSV files exported from the
// first, so the ratio is what generating, classifying and upserting through the store costs over
// writing the finished rows. Prints a markdown section for BENCHMARKS.md.
//
//   DEMO_BENCH_DOMAINS (default 100000), DEMO_BENCH_DAYS (14),
//   BENCH_DATABASE_URL (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadDemoFleet } from '../src/demo/load.js';
import { migrate } from '../src/store/migrate.js';
import { openStore, type Store } from '../src/store/store.js';
import { machineLine, postgresVersion } from './support/machine.js';

const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const domains = Number(process.env.DEMO_BENCH_DOMAINS ?? 100_000);
const days = Number(process.env.DEMO_BENCH_DAYS ?? 14);
const options = { seed: 1, domains, days, today: '2026-11-28' };

/** Tables in load order, with the columns a plain load writes (no identities, no generated columns). */
const tables = [
  ['sending_domains', 'domain, status, provider, status_changed_at, created_at'],
  ['sending_inboxes', 'address, domain, provider, created_at'],
  ['daily_sends', 'day, sending_inbox, sent, updated_at'],
  ['bounce_events', 'occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, auth_check, provider, sequencer, campaign, external_id, imported_at'],
  ['daily_complaints', 'day, sending_domain, complaints, spam_rate, updated_at'],
] as const;
const measured = [
  ...tables.map(([name]) => name),
  'domain_status_history', 'bounce_daily', 'bounce_hourly', 'send_daily_rollup',
];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function freshSchema(name: string): Promise<Store> {
  await admin(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
  const store = await openStore({ databaseUrl: url, schema: name, maxConnections: 8 });
  await migrate(store.pool);
  return store;
}

function psql(schema: string, command: string): void {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', command], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` },
  });
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

const suffix = randomBytes(4).toString('hex');
const demoSchema = `bench_demo_${suffix}`;
const copySchema = `bench_copy_${suffix}`;
const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-bench-'));

const demoStore = await freshSchema(demoSchema);
let lastReport = 0;
const load = await loadDemoFleet(demoStore.pool, options, {
  onProgress: (done) => {
    if (done - lastReport >= domains / 10 || done === domains) {
      lastReport = done;
      console.error(`  ${count(done)} domains loaded`);
    }
  },
});
const sizes = await demoStore.pool.query<{ name: string; rows: string; bytes: string }>(
  `SELECT t.name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', t.name), false, true, '')))[1]::text AS rows,
          pg_total_relation_size(t.name::regclass)::text AS bytes
     FROM unnest($1::text[]) WITH ORDINALITY AS t(name, n) ORDER BY t.n`,
  [measured],
);

for (const [name, columns] of tables) psql(demoSchema, `\\copy (SELECT ${columns} FROM ${name}) TO '${path.join(exportDir, `${name}.csv`)}' CSV`);
const copyStore = await freshSchema(copySchema);
const copyStarted = performance.now();
for (const [name, columns] of tables) psql(copySchema, `\\copy ${name} (${columns}) FROM '${path.join(exportDir, `${name}.csv`)}' CSV`);
const copyMs = performance.now() - copyStarted;

await demoStore.close();
await copyStore.close();
await admin(`DROP SCHEMA ${demoSchema} CASCADE; DROP SCHEMA ${copySchema} CASCADE`);
fs.rmSync(exportDir, { recursive: true, force: true });

const { generated } = load;
const totalBytes = sizes.rows.reduce((sum, row) => sum + Number(row.bytes), 0);
console.log(`
### Demo fleet at platform scale

\`npm run bench -- demo\` (DEMO_BENCH_DOMAINS=${domains}, DEMO_BENCH_DAYS=${days}, seed 1) into PostgreSQL ${postgresVersion(url)}
on ${machineLine()}.

Fleet: ${count(generated.domains)} domains, ${count(generated.inboxes)} inboxes, ${count(generated.sent)} messages sent
(${count(generated.sendRows)} daily_sends rows), ${count(generated.bounceEvents)} bounce events, ${count(generated.complaintRows)} complaint rows,
${count(generated.statusChanges)} status changes.

| load | time | rows/s (daily_sends + bounce_events) |
|---|---|---|
| \`smtp-desk demo\` path (generate, classify, batched store upserts, 4 batches in flight) | ${seconds(load.milliseconds)} | ${count(Math.round((generated.sendRows + generated.bounceEvents) / (load.milliseconds / 1000)))} |
| baseline: the same rows by \`COPY … FROM\` CSV (psql \\copy, one table after another, same triggers) | ${seconds(copyMs)} | ${count(Math.round((generated.sendRows + generated.bounceEvents) / (copyMs / 1000)))} |
| ratio | ${(load.milliseconds / copyMs).toFixed(2)} × | |

Peak RSS of the loading process: ${mib(process.resourceUsage().maxRSS * 1024)} (batches of 250 domains, at most 4 in flight).

| table | rows | total size (pg_total_relation_size) |
|---|---|---|
${sizes.rows.map((row) => `| ${row.name} | ${count(Number(row.rows))} | ${mib(Number(row.bytes))} |`).join('\n')}
| all | | ${mib(totalBytes)} |
`);
