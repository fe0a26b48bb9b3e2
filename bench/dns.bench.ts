// `smtp-desk dns --all` over a fleet of 1,000 domains against the local DNS server answering every
// query after 20 ms, against the same audits one domain at a time (`--concurrency 1`) in the same
// run. Each run is the verb in its own process under /usr/bin/time -v (peak memory), storing into a
// fresh schema of the server Postgres; the process times the verb itself (open the store, audit,
// store, summarise) apart from Node and TypeScript start-up, which both runs pay alike.
// Prints a markdown section for BENCHMARKS.md.
//
//   DNS_BENCH_DOMAINS (default 1000), DNS_BENCH_LATENCY_MS (20), DNS_BENCH_CONCURRENCY (the verb's default),
//   BENCH_DATABASE_URL (default TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
import { spawn } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { upsertDomains } from '../src/store/fleet.js';
import { migrate } from '../src/store/migrate.js';
import { openStore } from '../src/store/store.js';
import { healthyZone, sharedZone } from '../test/dns/zones.js';
import { startFakeDns, type Zone } from '../test/support/fake-dns.js';
import { machineLine, postgresVersion } from './support/machine.js';

const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const count = Number(process.env.DNS_BENCH_DOMAINS ?? 1000);
const latencyMs = Number(process.env.DNS_BENCH_LATENCY_MS ?? 20);
const concurrency = process.env.DNS_BENCH_CONCURRENCY;
const schema = 'bench_dns';

/** A fleet like the operator guide's: most domains sound, some with two SPF records, p=none or no DMARC. */
function fleetZone(domains: readonly string[]): Zone {
  const zone: Zone = { ...sharedZone };
  domains.forEach((domain, i) => {
    const broken = i % 10;
    Object.assign(
      zone,
      healthyZone(domain, ({ spf, dmarc }) => ({
        ...(broken === 1 ? { [spf]: { TXT: ['v=spf1 include:_spf.provider.test ~all', 'v=spf1 mx ~all'], MX: [{ exchange: `mx.${domain}`, priority: 10 }] } } : {}),
        ...(broken === 2 ? { [dmarc]: { TXT: [`v=DMARC1; p=none; rua=mailto:d@${domain}`] } } : {}),
        ...(broken === 3 ? { [dmarc]: undefined } : {}),
      })),
    );
  });
  return zone;
}

/** The verb in-process, its modules loaded first, timed from the call to its exit code; the timing goes to stderr as JSON. */
const script = `
import { dns } from './src/cli/dns.ts';
await import('./src/cli/dns-all.ts');
const started = process.hrtime.bigint();
const code = await dns(process.argv.slice(1), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
console.error(JSON.stringify({ verbSeconds: Number(process.hrtime.bigint() - started) / 1e9, code }));
process.exitCode = code;
`;

interface Run {
  seconds: number;
  /** User + system CPU of the whole process. */
  cpuSeconds: number;
  verbSeconds: number;
  rssMb: number;
  code: number | null;
  stdout: string;
}

function runAll(env: Record<string, string>, args: string[]): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, '--', '--all', ...args], {
    cwd: new URL('..', import.meta.url),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const timing = /^\{"verbSeconds".*$/m.exec(stderr);
      if (!timing) return reject(new Error(`dns --all failed (exit ${code}): ${stderr}`));
      const { verbSeconds } = JSON.parse(timing[0]) as { verbSeconds: number };
      const cpu = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
      resolve({ seconds, cpuSeconds: cpu('User') + cpu('System'), verbSeconds, rssMb: rss ? Number(rss[1]) / 1024 : NaN, code, stdout });
    });
  });
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
await admin.end();
const store = await openStore({ databaseUrl: url, schema });
await migrate(store.pool);
const domains = Array.from({ length: count }, (_, i) => `d${String(i).padStart(5, '0')}.bench.test`);
await upsertDomains(store.pool, domains.map((domain) => ({ domain })));

const dns = await startFakeDns(fleetZone(domains), { latencyMs });
const databaseUrl = new URL(url);
databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
const env = { DATABASE_URL: databaseUrl.toString(), DNS_SERVERS: dns.server, LOG_LEVEL: 'error' };

const beforeAll = dns.queries();
const fleet = await runAll(env, concurrency ? ['--concurrency', concurrency] : []);
const fleetQueries = dns.queries() - beforeAll;
const oneByOne = await runAll(env, ['--concurrency', '1']);
const { rows } = await store.pool.query<{ audits: string }>('SELECT count(*) AS audits FROM dns_audits');
await store.close();
await dns.close();

const ratio = oneByOne.verbSeconds / fleet.verbSeconds;
const summary = fleet.stdout.split('\n')[0] ?? '';
const same = fleet.stdout === oneByOne.stdout;
const row = (name: string, run: Run) =>
  `| ${name} | ${run.verbSeconds.toFixed(2)} s | ${Math.round(count / run.verbSeconds)} | ${run.seconds.toFixed(2)} s | ${run.cpuSeconds.toFixed(2)} s | ${run.rssMb.toFixed(0)} MB | ${run.code} |`;
console.log(`### dns --all, ${count.toLocaleString('en-US')} domains, ${latencyMs} ms a DNS answer\n`);
console.log(`Machine: ${machineLine()}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} at the end; PostgreSQL ${postgresVersion(url)}.\n`);
console.log('| run | the verb | domains/s | whole process | its CPU | peak RSS | exit |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
console.log(row(`\`dns --all${concurrency ? ` --concurrency ${concurrency}` : ''}\``, fleet));
console.log(row('baseline: `dns --all --concurrency 1` (one domain at a time)', oneByOne));
console.log(`\n${ratio.toFixed(1)}× faster than one at a time (the verb; whole processes ${(oneByOne.seconds / fleet.seconds).toFixed(1)}×); ${fleetQueries.toLocaleString('en-US')} DNS queries a run (${(fleetQueries / count).toFixed(1)} a domain); ${rows[0]?.audits} audits stored; same summary both ways: ${same ? 'yes' : 'NO'}.`);
console.log(`Summary: ${summary}`);
const goalsMet = ratio >= 10 && fleet.seconds < 15 && same;
console.log(goalsMet ? 'goals met: at least 10× faster than one at a time, the whole run under 15 s' : 'GOALS MISSED: want at least 10× faster than one at a time, the whole run under 15 s, and the same summary');
process.exitCode = goalsMet ? 0 : 1;
