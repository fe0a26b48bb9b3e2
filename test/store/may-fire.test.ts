import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomFor, type Random } from '../../src/demo/random.js';
import { defaultThresholds, judgeDomain, rules, thresholdsSchema, type DomainDayStats, type MayFire, type Thresholds } from '../../src/health/index.js';
import { mayFireSql } from '../../src/store/may-fire.js';
import { dayStats } from '../health/day-stats.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

// mayFireSql (the rules' `mayFire`, as the store runs it) decides which domains the fleet digest
// judges at all: a domain it lets go is reported healthy unseen. So whenever judgeDomain flags a
// domain, the SQL condition must hold for its row.

const thresholdKeys = Object.keys(thresholdsSchema.shape) as (keyof Thresholds)[];
const dayColumns = [
  'sent', 'bounces', 'invalid', 'complaints', 'reported_spam_rate', 'reputation_blocks', 'c554', 'auth_total', 'throttled_hours',
] as const;

interface Case {
  stats: DomainDayStats;
  thresholds: Thresholds;
}

/** Lines a team might set: the defaults, and random ones. */
function thresholdsFrom(random: Random): Thresholds {
  if (random.chance(0.3)) return defaultThresholds;
  return thresholdsSchema.parse({
    bounce_rate_pull: random.pick([0.01, 0.03, 0.05, 0.07, 0.1, 1 / 3]),
    complaint_rate_pull: random.pick([0.001, 0.003, 0.01]),
    invalid_rate_fix: random.pick([0.01, 0.03, 0.07]),
    min_sends: random.int(1, 200),
    reputation_pull_domains: random.int(1, 4),
    spike_554_min: random.int(1, 10),
    auth_failures_min: random.int(1, 5),
    throttled_hours_fix: random.int(1, 48),
  });
}

/** A day near the lines: counts at, just under and just over what each threshold allows. */
function caseFrom(random: Random): Case {
  const thresholds = thresholdsFrom(random);
  const sent = random.pick([0, 1, thresholds.min_sends - 1, thresholds.min_sends, random.int(0, 5000), 100, 1000, 3]);
  const near = (rate: number) => Math.max(0, Math.round(rate * sent) + random.int(-1, 1));
  const bounces = random.chance(0.5) ? near(thresholds.bounce_rate_pull) : random.int(0, 5);
  const invalid = Math.min(bounces, random.chance(0.5) ? near(thresholds.invalid_rate_fix) : random.int(0, 3));
  const reputation = random.chance(0.3) ? random.int(0, 4) : 0;
  const spf = random.chance(0.2) ? random.int(0, thresholds.auth_failures_min) : 0;
  const stats = dayStats({
    domain: 'case.example',
    sent,
    bounces,
    invalid,
    complaints: random.pick([null, 0, near(thresholds.complaint_rate_pull)]),
    reported_spam_rate: random.chance(0.3) ? random.pick([0, thresholds.complaint_rate_pull, thresholds.complaint_rate_pull * 1.01, 0.5]) : null,
    reputation_blocks: reputation,
    reputation_recipient_domains: Math.min(reputation, random.int(0, 4)),
    c554: random.chance(0.3) ? random.int(Math.max(0, thresholds.spike_554_min - 1), thresholds.spike_554_min + 3) : 0,
    c554_trailing: Array.from({ length: 7 }, () => random.int(0, 3)),
    auth_failures: { spf, dkim: random.chance(0.1) ? 1 : 0, dmarc: 0, ptr: 0, multiple: 0 },
    throttled_hours: random.chance(0.3) ? random.int(thresholds.throttled_hours_fix - 2, thresholds.throttled_hours_fix + 1) : 0,
    bounce_recipients: bounces > 1 ? 2 : bounces,
    bounce_recipient_domains: bounces > 0 ? random.int(1, 3) : 0,
  });
  return { stats, thresholds };
}

const auth = (stats: DomainDayStats) => Object.values(stats.auth_failures).reduce((sum, n) => sum + n, 0);

type DayColumns = Record<(typeof dayColumns)[number], number | null>;

const columnsOf = (stats: DomainDayStats): DayColumns => ({
  sent: stats.sent,
  bounces: stats.bounces,
  invalid: stats.invalid,
  complaints: stats.complaints,
  reported_spam_rate: stats.reported_spam_rate,
  reputation_blocks: stats.reputation_blocks,
  c554: stats.c554,
  auth_total: auth(stats),
  throttled_hours: stats.throttled_hours,
});

/** Evaluates mayFireSql on every row in one statement, each row with its own thresholds. */
async function mayFireInSql(store: TestStore, rows: readonly { columns: DayColumns; thresholds: Thresholds }[]): Promise<boolean[]> {
  const records = rows.map(({ columns, thresholds }, id) => ({
    id,
    ...columns,
    ...Object.fromEntries(thresholdKeys.map((key) => [`line_${key}`, thresholds[key]])),
  }));
  const columns = [
    'id int',
    ...dayColumns.map((column) => `${column} ${column === 'reported_spam_rate' ? 'float8' : 'int'}`),
    ...thresholdKeys.map((key) => `line_${key} float8`),
  ];
  const { rows: result } = await store.pool.query<{ may_fire: boolean }>(
    `SELECT ${mayFireSql((key) => `line_${key}`)} AS may_fire
       FROM jsonb_to_recordset($1::jsonb) AS day(${columns.join(', ')}) ORDER BY id`,
    [JSON.stringify(records)],
  );
  return result.map((row) => row.may_fire);
}

const whole = (cases: readonly Case[]) => cases.map(({ stats, thresholds }) => ({ columns: columnsOf(stats), thresholds }));

/** The lines a rule's mayFire compares with: its own, and for a rate the sends needed to judge it. */
const linesOf = (mayFire: MayFire): (keyof Thresholds)[] => {
  if ('rate' in mayFire) return ['min_sends', mayFire.over];
  if ('exceeds' in mayFire) return [];
  return typeof mayFire.atLeast === 'number' ? [] : [mayFire.atLeast];
};
const comparedLines = [...new Set(rules.flatMap((rule) => (rule.mayFire ? linesOf(rule.mayFire) : [])))];

/** A line one step harder to reach: a fraction 5 % higher, a count one more. */
const stricter = (thresholds: Thresholds, key: keyof Thresholds): Thresholds => {
  const line = thresholds[key];
  return { ...thresholds, [key]: line < 1 ? line * 1.05 : line + 1 };
};

const sample = () => {
  const random = randomFor('may-fire');
  return Array.from({ length: 5_000 }, () => caseFrom(random));
};
const isFlagged = ({ stats, thresholds }: Case) => judgeDomain(stats, thresholds).verdict !== 'healthy';

describe(`mayFireSql on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
  });
  afterAll(async () => {
    await store.close();
  });

  it('holds for every domain judgeDomain flags, over 5,000 days around every line', async () => {
    const cases = sample();
    const mayFire = await mayFireInSql(store, whole(cases));
    const missed = cases.filter((entry, i) => isFlagged(entry) && !mayFire[i]);
    expect(missed.map(({ stats, thresholds }) => ({ stats, thresholds, verdict: judgeDomain(stats, thresholds) }))).toEqual([]);
    const flagged = cases.filter(isFlagged).length;
    // The sample reaches both sides of the lines: many flagged, and many the SQL lets go.
    expect(flagged).toBeGreaterThan(1_000);
    expect(mayFire.filter((fires) => !fires).length).toBeGreaterThan(1_000);
  });

  it('misses flagged days as soon as any line it compares with is one step stricter than the rule\'s', async () => {
    const cases = sample();
    const flagged = cases.filter(isFlagged);
    for (const key of comparedLines) {
      const mayFire = await mayFireInSql(store, flagged.map(({ stats, thresholds }) => ({ columns: columnsOf(stats), thresholds: stricter(thresholds, key) })));
      expect(mayFire.filter((fires) => !fires).length, key).toBeGreaterThan(0);
    }
  });

  it('lets a clean day go, and a low-volume day with a bad rate, but not one auth failure or one reputation block', async () => {
    const clean = dayStats({ bounces: 10, invalid: 5, complaints: 1 });
    const lowVolume = dayStats({ sent: 10, bounces: 5, invalid: 5, complaints: 3 });
    const oneSpf = dayStats({ auth_failures: { spf: 1, dkim: 0, dmarc: 0, ptr: 0, multiple: 0 } });
    const atTheLine = dayStats({ sent: 100, bounces: 7 });
    const justOver = dayStats({ sent: 100_000, bounces: 7_001 });
    const reported = dayStats({ complaints: null, reported_spam_rate: 0.0031 });
    const oneBlock = dayStats({ reputation_blocks: 1, reputation_recipient_domains: 1 });
    const cases = [clean, lowVolume, oneSpf, atTheLine, justOver, reported, oneBlock].map((stats) => ({ stats, thresholds: defaultThresholds }));
    expect(await mayFireInSql(store, whole(cases))).toEqual([false, false, true, true, true, true, true]);
    expect(cases.map(({ stats }) => judgeDomain(stats, defaultThresholds).verdict)).toEqual(['healthy', 'healthy', 'fix', 'healthy', 'pull', 'pull', 'watch']);
  });
});
