// What the embedded database's password costs a client: one in-memory PGlite served two ways at
// once, as before (pglite-socket straight on loopback, no password) and as now (pglite-socket on a
// Unix socket behind the SCRAM-SHA-256 gate), timed taking turns with the same pg client: opening a
// connection (start-up, authentication, first ReadyForQuery), and a small and a 1 MiB query's round
// trip on an open one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { newPassword } from '../src/store/embedded-password.js';
import { startPasswordGate } from '../src/store/password-gate.js';
import { machineLine } from './support/machine.js';

const connections = Number(process.env.BENCH_GATE_CONNECTIONS ?? 200);
const queries = Number(process.env.BENCH_GATE_QUERIES ?? 4000);
const rounds = 10;
/** A big statement, as an import batch sends: 1 MiB of text in one parameter. */
const bigParameter = 'x'.repeat(2 ** 20);
const bigQueries = 20;

const db = await PGlite.create();
const direct = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
await direct.start();
const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-desk-bench-'));
const socketPath = path.join(socketDir, '.s.PGSQL.5432');
const behind = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 8 });
await behind.start();
const password = newPassword();
const gate = await startPasswordGate(password, socketPath);

const urls = {
  before: `postgres://postgres@${direct.getServerConn()}/postgres`,
  now: `postgres://postgres:${password}@${gate.address}/postgres`,
} as const;
type Way = keyof typeof urls;
const ways = Object.keys(urls) as Way[];

async function connectOnce(url: string): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const took = performance.now() - started;
  await client.end();
  return took;
}

const setup: Record<Way, number[]> = { before: [], now: [] };
const roundTrip: Record<Way, number[]> = { before: [], now: [] };
const bigTrip: Record<Way, number[]> = { before: [], now: [] };
const open = Object.fromEntries(await Promise.all(ways.map(async (way) => {
  const client = new pg.Client({ connectionString: urls[way] });
  await client.connect();
  return [way, client] as const;
}))) as Record<Way, pg.Client>;

for (let round = 0; round < rounds; round++) {
  for (const way of round % 2 === 0 ? ways : [...ways].reverse()) {
    for (let i = 0; i < connections / rounds; i++) setup[way].push(await connectOnce(urls[way]));
    const started = performance.now();
    for (let i = 0; i < queries / rounds; i++) await open[way].query('SELECT $1::int AS n', [i]);
    roundTrip[way].push((performance.now() - started) / (queries / rounds));
    const bigStarted = performance.now();
    for (let i = 0; i < bigQueries / rounds; i++) await open[way].query('SELECT length($1::text) AS n', [bigParameter]);
    bigTrip[way].push((performance.now() - bigStarted) / (bigQueries / rounds));
  }
}
await Promise.all(ways.map((way) => open[way].end()));
await gate.stop();
await behind.stop();
await direct.stop();
await db.close();
fs.rmSync(socketDir, { recursive: true, force: true });

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => sorted(values)[Math.floor(values.length * 0.95)]!;
const ms = (value: number) => `${value.toFixed(2)} ms`;

console.log(`machine: ${machineLine()}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);
console.log('| measure | now (gate, SCRAM) | before (no password) | now ÷ before |');
console.log('|---|---:|---:|---:|');
console.log(`| open a connection, median of ${connections} | ${ms(median(setup.now))} | ${ms(median(setup.before))} | ${(median(setup.now) / median(setup.before)).toFixed(2)} |`);
console.log(`| open a connection, 95th percentile | ${ms(p95(setup.now))} | ${ms(p95(setup.before))} | ${(p95(setup.now) / p95(setup.before)).toFixed(2)} |`);
console.log(`| \`SELECT length($1::text)\` with 1 MiB of text, median of ${rounds} rounds of ${bigQueries / rounds} | ${ms(median(bigTrip.now))} | ${ms(median(bigTrip.before))} | ${(median(bigTrip.now) / median(bigTrip.before)).toFixed(2)} |`);
console.log(`| \`SELECT $1::int\` round trip on an open connection, median of ${rounds} rounds of ${queries / rounds} | ${ms(median(roundTrip.now))} | ${ms(median(roundTrip.before))} | ${(median(roundTrip.now) / median(roundTrip.before)).toFixed(2)} |`);
