// Bulk import throughput and memory: generates a generic bounce CSV, imports it through the import
// verb (the code path of `smtp-desk import bounces FILE`) into a fresh schema on the server Postgres,
// and loads the same file with `psql \copy` into an unindexed staging table in the same run.
// The floor: the rows the import stored, written back with `psql \copy` into a fresh schema's
// bounce_events, what no importer keeping that table's guarantees can beat.
// Peak memory is the importing process's maximum RSS (/usr/bin/time -v), for 1M and 5M rows.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/store/migrate.js';
import { formatRate, machineLine, postgresVersion } from './support/machine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizes = (process.env.BENCH_IMPORT_ROWS ?? '1000000,5000000').split(',').map(Number);

const header = 'occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic,sequencer,campaign,external_id\n';
const replies = [
  (to: string) => `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`,
  () => "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos",
  () => '421 4.7.0 [203.0.113.7] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
  () => '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus.',
  () => '554 5.7.1 Message rejected as spam by Content Filtering.',
  () => '550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
  (to: string) => `452 4.2.2 The email account that you tried to reach is over quota: ${to}`,
  () => '451 4.7.1 Greylisting in action, please come back later',
];

/** Streams `rows` bounce rows to `file`: 300 sending domains, 3,000 inboxes, 20,000 recipient domains, 14 days. */
async function generate(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(header);
  const start = Date.parse('2026-11-14T00:00:00Z');
  const step = (14 * 86_400_000) / rows;
  for (let i = 0; i < rows; i++) {
    const inbox = `sender${i % 3000}@outreach${i % 300}.example`;
    const to = `lead${i}@company${(i * 7919) % 20_000}.example`;
    const diagnostic = replies[i % replies.length]!(to).replaceAll('"', '""');
    const external = i % 2 === 0 ? `evt-${i}` : '';
    const line = `${new Date(start + Math.floor(i * step)).toISOString()},${inbox},${to},,,"${diagnostic}",bench,wave ${i % 12},${external}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

interface Measured {
  seconds: number;
  maxRssMiB: number;
  summary: string;
}

/** Runs the import verb in its own process under /usr/bin/time -v. */
function importFile(file: string, schema: string): Promise<Measured> {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const script = [
    `const { importVerb } = await import(${JSON.stringify(path.join(root, 'src/cli/import.ts'))});`,
    `const { processIo } = await import(${JSON.stringify(path.join(root, 'src/cli/io.ts'))});`,
    'process.exitCode = await importVerb(process.argv.slice(1), processIo());',
  ].join('\n');
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, 'bounces', file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (code !== 0 || !rss) return reject(new Error(`import exited ${code}:\n${stdout}\n${stderr}`));
      resolve({ seconds, maxRssMiB: Number(rss[1]) / 1024, summary: stdout.trim() });
    });
  });
}

/** Runs one psql command (with `schema` first on the search path) and returns its wall-clock seconds. */
function psqlSeconds(command: string, schema?: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', command], {
    encoding: 'utf8',
    env: schema ? { ...process.env, PGOPTIONS: `-c search_path=${schema}` } : process.env,
  });
  if (result.status !== 0) throw new Error(`psql failed: ${command}\n${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const copyFile = (file: string, schema: string) => psqlSeconds(`\\copy ${schema}.staging FROM '${file}' WITH (FORMAT csv, HEADER true)`);

// Every column the import writes (src/store/bounces.ts), so the floor stores what the import stores.
const storedColumns = 'occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, auth_check, provider, smtp_stage, sequencer, campaign, external_id';

/**
 * The floor any importer of these rows meets: the rows the import stored, exported, then written
 * back with `\\copy` into a fresh migrated schema (every index, CHECK and rollup trigger of
 * bounce_events, no parsing, classifying or duplicate check). Seconds for the write only.
 */
async function storeFloor(schema: string, dir: string): Promise<number> {
  const rows = path.join(dir, 'stored.tsv');
  psqlSeconds(`\\copy (SELECT ${storedColumns} FROM bounce_events ORDER BY id) TO '${rows}'`, schema);
  const floor = `${schema}_floor`;
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${floor}` });
  try {
    await pool.query(`CREATE SCHEMA ${floor}`);
    await migrate(pool);
    return psqlSeconds(`\\copy bounce_events (${storedColumns}) FROM '${rows}'`, floor);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${floor} CASCADE`);
    await pool.end();
    fs.rmSync(rows, { force: true });
  }
}

async function withSchema<T>(work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_import_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`CREATE TABLE ${schema}.staging (occurred_at text, sending_inbox text, recipient text, reply_code text,
    enhanced_code text, diagnostic text, sequencer text, campaign text, external_id text)`);
  try {
    return await work(schema);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-desk-import-bench-'));
try {
  console.log(`machine: ${machineLine()}`);
  console.log(`postgres: ${postgresVersion(databaseUrl)} at ${new URL(databaseUrl).host}`);
  console.log('| rows | file | import | import rows/s | \\copy | \\copy rows/s | ratio | floor: COPY of the stored rows | floor ratio | import max RSS |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const rows of sizes) {
    const file = path.join(dir, `bounces-${rows}.csv`);
    await generate(file, rows);
    const mib = fs.statSync(file).size / 2 ** 20;
    await withSchema(async (schema) => {
      const imported = await importFile(file, schema);
      const copied = copyFile(file, schema);
      const floor = await storeFloor(schema, dir);
      const importRate = rows / imported.seconds;
      const copyRate = rows / copied;
      console.log(
        `| ${rows.toLocaleString('en-US')} | ${mib.toFixed(0)} MiB | ${imported.seconds.toFixed(1)} s | ${formatRate(importRate)} | ` +
          `${copied.toFixed(1)} s | ${formatRate(copyRate)} | ${(importRate / copyRate).toFixed(3)} | ` +
          `${floor.toFixed(1)} s (${formatRate(rows / floor)}) | ${(copied / floor).toFixed(3)} | ${imported.maxRssMiB.toFixed(0)} MiB |`,
      );
      console.log(`  importer said: ${imported.summary}`);
    });
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
