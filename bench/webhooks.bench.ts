// Webhook deliveries per second: `smtp-desk serve` (HTTP mode, the compiled dist/ as production
// runs it) on the server Postgres, taking N lemlist `emailsBounced` events one per request from 16
// concurrent keep-alive clients, each answered only after its row is committed; against the same
// N events as a JSON-lines file through `smtp-desk import bounces FILE --format lemlist` in the same
// run. Each side writes into a fresh schema of its own; both end with the same N rows.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrate } from '../src/store/migrate.js';
import { formatRate, machineLine, postgresVersion } from './support/machine.js';
import { stubSlackApi } from './support/slack-stub.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const events = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 20000);
const concurrency = 16;
const token = 'bench-webhook-token-0123456789';
const errorMessages = [
  '550 5.1.1 The email account that you tried to reach does not exist.',
  '550 5.7.1 Service unavailable, Client host [203.0.113.7] blocked using Spamhaus.',
  '552 5.2.2 Mailbox quota exceeded',
  '421 4.7.0 Try again later, closing connection.',
];

/** The i-th event, shaped as lemlist sends it (see test/ingest/fixtures.ts). */
function lemlistEvent(i: number): Record<string, unknown> {
  return {
    type: 'emailsBounced',
    _id: `act_bench_${i}`,
    createdAt: new Date(Date.parse('2026-11-20T00:00:00Z') + i * 1000).toISOString(),
    leadEmail: `lead${i}@company${i % 500}.example`,
    sendUserEmail: `sender${i % 200}@outreach${i % 40}.example`,
    sendUserMailboxId: `usm_${i % 200}`,
    campaignId: `cam_${i % 12}`,
    campaignName: `Wave ${i % 12}`,
    messageId: `<lm-${i}@outreach${i % 40}.example>`,
    emailId: `msg_${i}`,
    sequenceStep: i % 3,
    errorMessage: errorMessages[i % errorMessages.length],
  };
}

async function freshSchema(): Promise<{ schema: string; url: string }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migrate(pool);
  await pool.end();
  return { schema, url: url.toString() };
}

async function storedRows(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM bounce_events');
  await client.end();
  return rows[0]!.n;
}

async function dropSchema(schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${seen}`)));
  });
}

async function deliver(port: number, bodies: readonly string[]): Promise<{ perSecond: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let failures = 0;
  const one = (body: string) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: `/webhooks/lemlist?token=${token}`, method: 'POST', headers: { 'content-type': 'application/json' }, agent },
        (res) => {
          let answer = '';
          res.on('data', (chunk: Buffer) => (answer += chunk.toString()));
          res.on('end', () => {
            if (res.statusCode !== 200 || !answer.includes('"stored":1')) failures++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (next < bodies.length) await one(bodies[next++]!);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: bodies.length / seconds, failures };
}

async function webhookRun(bodies: readonly string[]): Promise<{ perSecond: number; failures: number; stored: number }> {
  const { schema, url } = await freshSchema();
  const slackApi = await stubSlackApi();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'smtp-desk.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env, PORT: '0', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_API_URL: slackApi.url, DATABASE_URL: url, WEBHOOK_TOKEN: token, LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await waitForLine(child, /ready \(HTTP on port (\d+)\)/);
    const result = await deliver(Number(/port (\d+)/.exec(line)![1]), bodies);
    return { ...result, stored: await storedRows(url) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    slackApi.server.close();
    await dropSchema(schema);
  }
}

/** The import verb in its own process; its rate is the rows/s of its summary line (start-up left out, as for the server). */
async function importRun(file: string): Promise<{ perSecond: number; stored: number; summary: string }> {
  const { schema, url } = await freshSchema();
  try {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'smtp-desk.js'), 'import', 'bounces', file, '--format', 'lemlist'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`import exited ${String(code)}: ${out}`);
    const summary = out.trim().split('\n').at(-1)!;
    const [, rate] = /\((\d+) rows\/s\)$/.exec(summary)!;
    return { perSecond: Number(rate), stored: await storedRows(url), summary };
  } finally {
    await dropSchema(schema);
  }
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('npm run build failed');

const bodies = Array.from({ length: events }, (_, i) => JSON.stringify(lemlistEvent(i)));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-desk-webhook-bench-'));
const file = path.join(dir, 'events.jsonl');
fs.writeFileSync(file, `${bodies.join('\n')}\n`);
try {
  const loadBefore = os.loadavg();
  const webhook = await webhookRun(bodies);
  const imported = await importRun(file);
  const loadAfter = os.loadavg();
  console.log(`machine: ${machineLine()}, Postgres ${postgresVersion(databaseUrl)}`);
  console.log(`load average (1, 5, 15 min): before ${loadBefore.map((n) => n.toFixed(2)).join(', ')}; after ${loadAfter.map((n) => n.toFixed(2)).join(', ')}`);
  console.log('| measure | events/s | rows stored |');
  console.log('|---|---:|---:|');
  console.log(`| webhook, one event per request, ${concurrency} concurrent clients (${webhook.failures} failed) | ${formatRate(webhook.perSecond)} | ${webhook.stored} |`);
  console.log(`| the same events as one JSON-lines file, \`import bounces --format lemlist\` | ${formatRate(imported.perSecond)} | ${imported.stored} |`);
  console.log(`| ratio webhook ÷ import | ${(webhook.perSecond / imported.perSecond).toFixed(3)} | |`);
  console.log(`  import: ${imported.summary}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
