// The daily digest at platform scale on the server Postgres: 100,000 sending domains, 14 days of
// history. Times the digest (rollup query + rules + Block Kit messages) against a plain GROUP BY over
// the same day's raw bounce and send rows, and prints one markdown table row for BENCHMARKS.md.
//
// Two fleets (DIGEST_BENCH_FLEET):
//   demo (default)  the fleet `smtp-desk demo --domains 100000 --days 14` loads, the one issue #5 names
//   dense           set-based SQL: 833,000 inboxes, 7.5M sends a day, 140,000 events a day spread
//                   evenly, so chance alone puts 4 % of domains over the invalid-rate line: a harsher
//                   load, where the digest has 6,000 domains to list instead of a few hundred
//
//   npm run bench -- digest                  generate into a fresh schema, measure, drop it
//   DIGEST_BENCH_SCHEMA=bench_digest npm run bench -- digest   keep (and reuse) the generated schema
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { addDays } from '../src/digest/day.js';
import { computeDigest } from '../src/digest/digest.js';
import { loadDemoFleet } from '../src/demo/load.js';
import { defaultThresholds, judgeFleet } from '../src/health/index.js';
import { digestMessages } from '../src/slack/blocks/digest.js';
import { fleetDays } from '../src/store/fleet-day-scan.js';
import { migrate } from '../src/store/migrate.js';
import { machineLine, postgresVersion } from './support/machine.js';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const keptSchema = process.env.DIGEST_BENCH_SCHEMA;
const schema = keptSchema ?? `bench_digest_${randomBytes(4).toString('hex')}`;
const fleet = process.env.DIGEST_BENCH_FLEET === 'dense' ? 'dense' : 'demo';
const domains = 100_000;
const inboxes = 833_000;
const historyDays = 14;
const day = '2026-11-27';
const firstDay = addDays(day, 1 - historyDays);
/** Sends per inbox and day: 5 to 13, 9 on average, so 7.5M a day. */
const sendsPerInbox = '5 + mod(abs(hashint4(i * 7 + k)), 9)';
/** Events (bounces, deferrals, delivery reports) a day: about 1.2 % of sends bounce. */
const eventsPerDay = 140_000;

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** Whether the kept schema holds the whole fleet (the demo's load is idempotent: a partial one is finished). */
async function generated(): Promise<boolean> {
  const { rows } = await admin.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'digest_runs') AS ok`,
    [schema],
  );
  if (!rows[0]?.ok) return false;
  const { rows: counts } = await pool.query<{ domains: string; sending: string }>(
    'SELECT (SELECT count(*) FROM sending_domains) AS domains, (SELECT count(*) FROM send_daily_rollup WHERE day = $1) AS sending',
    [day],
  );
  return fleet === 'demo' ? Number(counts[0]?.domains) === domains && Number(counts[0]?.sending) > 0 : Number(counts[0]?.sending) === domains;
}

async function generate(): Promise<void> {
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await migrate(pool);
  if (fleet === 'demo') {
    log(`loading the demo fleet, ${domains.toLocaleString('en-US')} domains, ${historyDays} days, into ${schema}`);
    await loadDemoFleet(pool, { seed: 1, domains, days: historyDays, today: addDays(day, 1) });
  } else {
    await generateDense();
  }
  // As autovacuum leaves a live database: statistics, and the visibility map index-only scans need.
  await pool.query('VACUUM ANALYZE');
}

/** The dense fleet, with set-based SQL through the same triggers an import uses, one day per statement. */
async function generateDense(): Promise<void> {
  log(`generating ${domains.toLocaleString('en-US')} domains, ${inboxes.toLocaleString('en-US')} inboxes, ${historyDays} days into ${schema}`);
  await pool.query(
    `INSERT INTO sending_domains (domain, status)
     SELECT 'd' || d || '.example', CASE WHEN d % 50 = 1 THEN 'pulled' WHEN d % 50 = 2 THEN 'reserved' ELSE 'active' END
       FROM generate_series(0, $1 - 1) AS d`,
    [domains],
  );
  await pool.query(
    `INSERT INTO sending_inboxes (address, domain)
     SELECT 'i' || i || '@d' || (i % $1) || '.example', 'd' || (i % $1) || '.example' FROM generate_series(0, $2 - 1) AS i`,
    [domains, inboxes],
  );
  for (let k = 0; k < historyDays; k++) {
    const date = addDays(firstDay, k);
    await pool.query(
      `INSERT INTO daily_sends (day, sending_inbox, sent)
       SELECT $1::date, 'i' || i || '@d' || (i % $2) || '.example', ${sendsPerInbox}
         FROM generate_series(0, $3 - 1) AS i, (SELECT $4::int AS k) AS kk`,
      [date, domains, inboxes, k],
    );
    // Each event: a domain, one of its inboxes, a recipient on one of 40 receiving domains, a reply from a fixed mix.
    await pool.query(
      `WITH e AS (
         SELECT j, mod(abs(hashint4(j + $4 * 7919)), $2) AS d, mod(abs(hashint4(j * 3 + $4)), 1000) AS m,
                mod(abs(hashint4(j * 5 + $4)), 86400) AS s
           FROM generate_series(1, $3) AS j
       )
       INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, auth_check, sequencer, external_id)
       SELECT $1::date + make_interval(secs => s), 'i' || (d + $2 * (j % 8)) || '@d' || d || '.example',
              'r' || mod(abs(hashint4(j * 11)), 50000) || '@rcpt' || mod(abs(hashint4(j * 13)), 40) || '.example',
              x.code, x.enhanced, x.code || ' ' || x.enhanced, x.category, x.auth, 'bench', $1::text || '-' || j
         FROM e CROSS JOIN LATERAL (SELECT * FROM (VALUES
           (m < 450, 550, '5.1.1', 'invalid_recipient', NULL),
           (m >= 450 AND m < 620, 552, '5.2.2', 'mailbox_full', NULL),
           (m >= 620 AND m < 623, 550, '5.7.1', 'reputation', NULL),
           (m = 623, 554, '5.7.1', 'spam_content', NULL),
           (m = 624, 550, '5.7.27', 'authentication', 'spf'),
           (m >= 625 AND m < 650, 550, '5.7.1', 'policy', NULL),
           (m >= 650 AND m < 750, 421, '4.7.0', 'rate_limited', NULL),
           (m >= 750 AND m < 850, 451, '4.7.1', 'greylisted', NULL),
           (m >= 850, 250, '2.0.0', 'delivered', NULL)) AS v(hit, code, enhanced, category, auth) WHERE hit) x`,
      [date, domains, eventsPerDay, k],
    );
    await pool.query(
      `INSERT INTO daily_complaints (day, sending_domain, complaints, spam_rate)
       SELECT $1::date, 'd' || d || '.example', (mod(abs(hashint4(d + $2)), 40) = 0)::int, NULL
         FROM generate_series(0, $3 - 1) AS d WHERE d % 10 = $2 % 10`,
      [date, k, domains],
    );
    log(`day ${date} done`);
  }
  // One domain in a hundred goes bad on the digest day: 12 more bounces (invalid, blocklisted at three receivers).
  await pool.query(
    `INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, sequencer, external_id)
     SELECT $1::date + interval '14 hours' + make_interval(secs => n), 'i' || d || '@d' || d || '.example',
            'bad' || n || '@rcpt' || (n % 3) || '.example', CASE WHEN n < 6 THEN 550 ELSE 554 END,
            CASE WHEN n < 6 THEN '5.1.1' ELSE '5.7.1' END, 'bad ' || n, CASE WHEN n < 6 THEN 'invalid_recipient' ELSE 'reputation' END,
            'bench', 'bad-' || d || '-' || n
       FROM generate_series(0, $2 - 1, 100) AS d, generate_series(0, 11) AS n`,
    [day, domains],
  );
}

const baselineSql = `
SELECT e.sending_domain, s.sent,
       count(*) FILTER (WHERE e.reply_class = 5) AS bounces,
       count(*) FILTER (WHERE e.reply_class = 4) AS deferrals,
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category = 'invalid_recipient') AS invalid,
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category IN ('reputation', 'spam_content')) AS reputation_blocks,
       count(DISTINCT e.recipient_domain) FILTER (WHERE e.reply_class = 5 AND e.category IN ('reputation', 'spam_content')) AS reputation_recipient_domains,
       count(*) FILTER (WHERE e.reply_code = 554) AS c554,
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category = 'authentication') AS auth_failures,
       min(e.recipient) FILTER (WHERE e.reply_class = 5) AS min_bounce_recipient,
       max(e.recipient) FILTER (WHERE e.reply_class = 5) AS max_bounce_recipient,
       count(DISTINCT e.recipient_domain) FILTER (WHERE e.reply_class = 5) AS bounce_recipient_domains
  FROM bounce_events e
  LEFT JOIN (SELECT sending_domain, sum(sent) AS sent FROM daily_sends WHERE day = $1::date GROUP BY sending_domain) s
    ON s.sending_domain = e.sending_domain
 WHERE e.occurred_at >= $1::date::timestamp AT TIME ZONE 'UTC' AND e.occurred_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
 GROUP BY e.sending_domain, s.sent`;

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  if (!(await generated())) {
    const { ms } = await time(generate);
    log(`generated in ${(ms / 1000).toFixed(0)} s`);
  }
  // A kept schema generated by older code gets the migrations added since, then what autovacuum would do.
  if ((await migrate(pool)).length > 0) await pool.query('VACUUM ANALYZE');
  const counts = await pool.query<{ events: string; sends: string; sent: string; inboxes: string }>(
    `SELECT (SELECT count(*) FROM bounce_events) AS events, (SELECT count(*) FROM daily_sends) AS sends,
            (SELECT sum(sent) FROM send_daily_rollup WHERE day = $1) AS sent, (SELECT count(*) FROM sending_inboxes) AS inboxes`,
    [day],
  );
  const runs = 5;
  const baseline: number[] = [];
  const reads: number[] = [];
  const rules: number[] = [];
  const blocks: number[] = [];
  const digest: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 5);
  let flagged = 0;
  let replies = 0;
  let judgedDomains = 0;
  for (let run = 0; run <= runs; run++) {
    const plain = await time(() => pool.query(baselineSql, [day]));
    const fleet = await time(() => fleetDays(pool, day, defaultThresholds));
    const judged = await time(async () => judgeFleet(fleet.result.days, defaultThresholds, fleet.result.totals));
    const whole = await time(() => computeDigest(pool, day, defaultThresholds));
    const messages = await time(async () => digestMessages(whole.result));
    judgedDomains = fleet.result.days.length;
    flagged = whole.result.flagged.length;
    replies = messages.result.replies.length;
    if (run === 0) continue; // warm-up
    baseline.push(plain.ms);
    reads.push(fleet.ms);
    rules.push(judged.ms);
    blocks.push(messages.ms);
    digest.push(whole.ms + messages.ms);
  }
  clearInterval(sampler);
  const ratio = median(digest) / median(baseline);
  const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  const row = counts.rows[0]!;
  console.log(
    '| digest (query + rules + blocks) | reads (fleetDays) | rules | blocks | plain GROUP BY over raw rows | digest / baseline | peak RSS / heap | fleet | machine |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${ms(median(digest))} | ${ms(median(reads))} (${judgedDomains.toLocaleString('en-US')} domains a rule may fire on) | ${ms(median(rules))} | ` +
      `${ms(median(blocks))} | ${ms(median(baseline))} | ${ratio.toFixed(2)} | ` +
      `${mib(peakRss)} / ${mib(peakHeap)} | ${fleet}: ${domains.toLocaleString('en-US')} domains, ${Number(row.inboxes).toLocaleString('en-US')} inboxes, ` +
      `${Number(row.sent).toLocaleString('en-US')} sends on ${day}, ${historyDays} days: ${Number(row.sends).toLocaleString('en-US')} send rows, ` +
      `${Number(row.events).toLocaleString('en-US')} events; ${flagged.toLocaleString('en-US')} flagged → 1 message + ${replies} thread replies | ` +
      `${machineLine()}, PostgreSQL ${postgresVersion(url)} |`,
  );
  console.log(`\nmedians of ${runs} runs after a warm-up; goal: the digest within a quarter of the baseline`);
  const met = ratio <= 0.25;
  console.log(met ? 'goal met' : 'GOAL MISSED: the digest takes more than a quarter of the plain GROUP BY');
  process.exitCode = met ? 0 : 1;
} finally {
  await pool.end();
  if (!keptSchema) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
