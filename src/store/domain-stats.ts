import type pg from 'pg';
import { authChecks, mayFireSql, type DomainDay, type DomainDayStats, type DomainHistory, type FleetTotals, type Thresholds } from '../health/index.js';
import type { DomainStatus } from '../fleet/lifecycle.js';
import type { Queryable } from './queryable.js';

/** Days of history before the digest day in `bounce_rate_trend` and `c554_trailing`. */
const historyDays = 7;
/** How far back `throttleSql` looks: 7 days of hours up to the end of the digest day. */
const throttleLookbackDays = 7;

/**
 * The throttling streaks from bounce_hourly (docs/health-rules.md, persistent_421) of the domains in
 * `$2` (text[]; null: every domain) that last `$3` hours or more, one row per domain. Only domains
 * with throttled hours at least that far apart in the week are looked at (partial index,
 * migrations/010), and of those only the ones whose streak can still be running: idle on the digest
 * day, or with a throttled last active hour that day (bounce_daily.last_event_hour, migrations/032;
 * any other has had a clean hour since). For those, the latest clean hour and the first throttled hour after it are one
 * entry each of the partial (sending_domain, hour) indexes (migrations/031).
 */
const throttleSql = `
WITH bounds AS (
  SELECT ($1::date - ${throttleLookbackDays - 1})::timestamp AT TIME ZONE 'UTC' AS since,
         $1::date::timestamp AT TIME ZONE 'UTC' AS day_start,
         ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AS until
),
throttled AS (
  SELECT h.sending_domain, max(h.hour) AS last_throttled
    FROM bounce_hourly h, bounds
   WHERE h.throttled > 0 AND h.hour >= bounds.since AND h.hour < bounds.until AND ($2::text[] IS NULL OR h.sending_domain = ANY ($2::text[]))
   GROUP BY h.sending_domain
  HAVING max(h.hour) - min(h.hour) >= ($3::int - 1) * interval '1 hour'
),
-- Read as one set: probing the day's row of each throttled domain costs more.
day_last AS MATERIALIZED (
  SELECT sending_domain, last_event_hour FROM bounce_daily
   WHERE day = $1::date AND ($2::text[] IS NULL OR sending_domain = ANY ($2::text[]))
),
running AS MATERIALIZED (
  SELECT t.sending_domain, t.last_throttled
    FROM throttled t
    LEFT JOIN day_last b ON b.sending_domain = t.sending_domain
   WHERE b.sending_domain IS NULL OR b.last_event_hour = t.last_throttled
),
streaks AS (
  SELECT r.sending_domain, r.last_throttled, clean.hour AS last_clean
    FROM running r CROSS JOIN bounds
    CROSS JOIN LATERAL (SELECT max(h.hour) AS hour FROM bounce_hourly h
                         WHERE h.sending_domain = r.sending_domain AND h.throttled = 0
                           AND h.hour >= bounds.since AND h.hour < bounds.until) clean
   -- A streak of $3 hours or more starts at least $3 - 1 hours before its last throttled hour.
   WHERE clean.hour IS NULL OR clean.hour <= r.last_throttled - $3::int * interval '1 hour'
),
throttle AS (
  SELECT s.sending_domain,
         (extract(epoch FROM s.last_throttled - first.hour) / 3600)::int + 1 AS throttled_hours
    FROM streaks s CROSS JOIN bounds
    CROSS JOIN LATERAL (SELECT min(h.hour) AS hour FROM bounce_hourly h
                         WHERE h.sending_domain = s.sending_domain AND h.throttled > 0
                           AND h.hour >= greatest(bounds.since, s.last_clean + interval '1 hour')
                           AND h.hour < bounds.until) first
)
SELECT sending_domain AS domain, throttled_hours FROM throttle WHERE throttled_hours >= $3::int`;

/** The thresholds mayFireSql compares with, in the order they are passed as parameters. */
const thresholdKeys: (keyof Thresholds)[] = [];
mayFireSql((key) => {
  if (!thresholdKeys.includes(key)) thresholdKeys.push(key);
  return '';
});
/** mayFireSql with the thresholds as parameters from `$first` on. */
const mayFireFrom = (first: number) => mayFireSql((key) => `$${first + thresholdKeys.indexOf(key)}::float8`);

const authTotal = (table: string) => authChecks.map((check) => `${table}.auth_${check}`).join(' + ');

/**
 * One row per domain of `domains`: its numbers for the day `$1` from the day rollups, with the
 * throttling streaks `$2` (domains, text[]) and `$3` (hours, int[]).
 */
const dayRowsSql = (domains: string) => `
WITH streak AS (
  SELECT * FROM unnest($2::text[], $3::int[]) AS s(domain, throttled_hours)
),
domains AS (${domains}),
day AS (
  SELECT d.domain, d.status,
         coalesce(s.sent, 0)::int AS sent,
         coalesce(b.bounces, 0) AS bounces, coalesce(b.deferrals, 0) AS deferrals, coalesce(b.invalid, 0) AS invalid,
         c.complaints, c.spam_rate::float8 AS reported_spam_rate,
         coalesce(b.reputation_blocks, 0) AS reputation_blocks,
         coalesce(b.c554, 0) AS c554,
         coalesce(b.auth_spf, 0) AS auth_spf, coalesce(b.auth_dkim, 0) AS auth_dkim, coalesce(b.auth_dmarc, 0) AS auth_dmarc,
         coalesce(b.auth_ptr, 0) AS auth_ptr, coalesce(b.auth_multiple, 0) AS auth_multiple,
         coalesce(${authTotal('b')}, 0) AS auth_total,
         coalesce(t.throttled_hours, 0) AS throttled_hours,
         CASE WHEN b.min_bounce_recipient IS NULL THEN 0
              WHEN b.min_bounce_recipient = b.max_bounce_recipient THEN 1 ELSE 2 END AS bounce_recipients
    FROM domains d
    LEFT JOIN send_daily s ON s.day = $1::date AND s.sending_domain = d.domain
    LEFT JOIN bounce_daily b ON b.day = $1::date AND b.sending_domain = d.domain
    LEFT JOIN daily_complaints c ON c.day = $1::date AND c.sending_domain = d.domain
    LEFT JOIN streak t ON t.domain = d.domain
)`;

/** The domains `$4` (text[]; null: every active domain), whatever their status. */
const listedDaysSql = `${dayRowsSql(`
  SELECT domain, status FROM sending_domains
   WHERE CASE WHEN $4::text[] IS NULL THEN status = 'active' ELSE domain = ANY ($4::text[]) END`)}
SELECT * FROM day`;

/** The active domains among `candidates` (a query of `domain`) that some rule may fire on (mayFireSql). */
const mayFireDaysSql = (candidates: string) => `${dayRowsSql(`
  SELECT d.domain, d.status FROM sending_domains d WHERE d.status = 'active' AND d.domain IN (${candidates})`)}
SELECT * FROM day WHERE ${mayFireFrom(4)}`;

/** The candidates among the throttling streaks given as `$2` and `$3`. */
const streakDaysSql = mayFireDaysSql('SELECT domain FROM streak');

/**
 * One pass over the day `$1` in the rollups: every active domain added up, and the domains some rule
 * may fire on (mayFireSql, thresholds from `$2`; streaks are judged apart). Only the rollups' rows of
 * the day are read (a domain without any is healthy: nothing sent, nothing bounced), and only the
 * few inactive domains are looked up; complaint rows of zero cannot raise a rate and are left out.
 */
const fleetScanSql = `
WITH s AS (SELECT sending_domain, sent FROM send_daily WHERE day = $1::date),
b AS (SELECT * FROM bounce_daily WHERE day = $1::date),
c AS (SELECT sending_domain, complaints, spam_rate::float8 AS reported_spam_rate FROM daily_complaints
       WHERE day = $1::date AND (complaints > 0 OR spam_rate > 0)),
inactive AS (SELECT domain FROM sending_domains WHERE status <> 'active'),
day AS (
  SELECT coalesce(s.sending_domain, b.sending_domain) AS domain, coalesce(s.sent, 0)::int AS sent,
         coalesce(b.bounces, 0) AS bounces, coalesce(b.invalid, 0) AS invalid,
         c.complaints, c.reported_spam_rate,
         coalesce(b.reputation_blocks, 0) AS reputation_blocks, coalesce(b.c554, 0) AS c554,
         coalesce(${authTotal('b')}, 0) AS auth_total, 0 AS throttled_hours
    FROM s FULL JOIN b ON b.sending_domain = s.sending_domain
    LEFT JOIN c ON c.sending_domain = coalesce(s.sending_domain, b.sending_domain)
   WHERE coalesce(s.sending_domain, b.sending_domain) NOT IN (SELECT domain FROM inactive)
)
SELECT (SELECT count(*) FROM sending_domains WHERE status = 'active')::int AS domains_checked,
       coalesce(sum(sent), 0)::float8 AS sent, coalesce(sum(bounces), 0)::float8 AS bounces,
       coalesce(array_agg(domain) FILTER (WHERE ${mayFireFrom(2)}), '{}') AS candidates
  FROM day`;

/**
 * For the domains in `$2` (text[]; null: every domain with events that day): how many distinct
 * recipient domains bounced, and how many rejected for reputation (migrations/030).
 */
const recipientDomainsSql = `
SELECT sending_domain AS domain, bounce_recipient_domains, reputation_recipient_domains
  FROM bounce_recipient_domain_counts($1::date, $2::text[])`;

/**
 * One rollup's 7 days before the digest day and the day itself for the domains in `$2` (text[]): per
 * domain, how many days back each row is and its values, from the rollup's (sending_domain, day)
 * index (migrations/030), so the cost follows the number of domains asked for, not the fleet.
 */
const historySql = (rollup: string, values: readonly string[]) => `
SELECT sending_domain AS domain, array_agg($1::date - day) AS days_back,
       ${values.map((value) => `array_agg(${value}::int) AS ${value}`).join(', ')}
  FROM ${rollup}
 WHERE sending_domain = ANY ($2::text[]) AND day BETWEEN $1::date - ${historyDays} AND $1::date
 GROUP BY sending_domain`;
const sendHistorySql = historySql('send_daily', ['sent']);
const bounceHistorySql = historySql('bounce_daily', ['bounces', 'c554']);

/** The day each domain in `$1` (text[]) was created: its history starts no earlier than that, or its first rollup day. */
const createdSql = `SELECT domain, (created_at AT TIME ZONE 'UTC')::date::text AS created_day FROM sending_domains WHERE domain = ANY ($1::text[])`;

interface DayRow {
  domain: string;
  status: DomainStatus;
  sent: number;
  bounces: number;
  deferrals: number;
  invalid: number;
  complaints: number | null;
  reported_spam_rate: number | null;
  reputation_blocks: number;
  c554: number;
  auth_spf: number;
  auth_dkim: number;
  auth_dmarc: number;
  auth_ptr: number;
  auth_multiple: number;
  throttled_hours: number;
  bounce_recipients: number;
}

/** The `fleetScanSql` row. */
type FleetScanRow = FleetTotals & { candidates: string[] };

interface ThrottleRow {
  domain: string;
  throttled_hours: number;
}

interface RecipientDomainsRow {
  domain: string;
  bounce_recipient_domains: number;
  reputation_recipient_domains: number;
}

interface SendHistoryRow {
  domain: string;
  days_back: number[];
  sent: number[];
}

interface BounceHistoryRow {
  domain: string;
  days_back: number[];
  bounces: number[];
  c554: number[];
}

interface CreatedRow {
  domain: string;
  created_day: string;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

function toDay(row: DayRow, day: string, recipientDomains: RecipientDomainsRow | undefined): DomainDay {
  return {
    domain: row.domain,
    day,
    status: row.status,
    sent: row.sent,
    bounces: row.bounces,
    deferrals: row.deferrals,
    invalid: row.invalid,
    complaints: row.complaints,
    reported_spam_rate: row.reported_spam_rate,
    reputation_blocks: row.reputation_blocks,
    reputation_recipient_domains: recipientDomains?.reputation_recipient_domains ?? 0,
    c554: row.c554,
    auth_failures: { spf: row.auth_spf, dkim: row.auth_dkim, dmarc: row.auth_dmarc, ptr: row.auth_ptr, multiple: row.auth_multiple },
    throttled_hours: row.throttled_hours,
    bounce_recipients: row.bounce_recipients,
    bounce_recipient_domains: recipientDomains?.bounce_recipient_domains ?? 0,
  };
}

/**
 * Each domain's history from its rollup rows and creation day. A younger domain passes only the days
 * it has: from its first day (created, or first seen in the rollups, whichever is earlier).
 */
function toHistories(
  sends: readonly SendHistoryRow[],
  bounces: readonly BounceHistoryRow[],
  created: readonly CreatedRow[],
  day: string,
): Map<string, DomainHistory> {
  const sentOf = new Map(sends.map((row) => [row.domain, row]));
  const bouncesOf = new Map(bounces.map((row) => [row.domain, row]));
  const histories = new Map<string, DomainHistory>();
  for (const { domain, created_day } of created) {
    const sent: (number | null)[] = Array(historyDays + 1).fill(null);
    const bounced: (number | null)[] = Array(historyDays + 1).fill(null);
    const c554: number[] = Array(historyDays).fill(0);
    let firstBack = dayNumber(day) - dayNumber(created_day);
    const sendRow = sentOf.get(domain);
    sendRow?.days_back.forEach((back, i) => {
      sent[historyDays - back] = sendRow.sent[i]!;
      firstBack = Math.max(firstBack, back);
    });
    const bounceRow = bouncesOf.get(domain);
    bounceRow?.days_back.forEach((back, i) => {
      bounced[historyDays - back] = bounceRow.bounces[i]!;
      if (back > 0) c554[historyDays - back] = bounceRow.c554[i]!;
      firstBack = Math.max(firstBack, back);
    });
    histories.set(domain, {
      c554_trailing: c554.slice(Math.max(0, historyDays - firstBack)),
      bounce_rate_trend: sent.map((count, i) => (count ? (bounced[i] ?? 0) / count : null)),
    });
  }
  return histories;
}

/**
 * Memory for the fleet statements' hashes and aggregates: at 100,000 domains the server default
 * (4 MB) spills them to disk several times over.
 */
const fleetWorkMem = '64MB';

type Read = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>;

/** Runs each fleet statement in its own transaction with `fleetWorkMem`, on a connection of its own. */
function fleetReader(pool: pg.Pool): Read {
  return async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // JIT compiling these statements costs more than it saves: they run once a day, over 100,000 rows at most.
      await client.query(`SET LOCAL work_mem = '${fleetWorkMem}'; SET LOCAL jit = off`);
      const { rows } = await client.query<T>(sql, params);
      await client.query('COMMIT');
      return rows;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
}

/** Streak rows as `dayRowsSql`'s `$2` and `$3`. */
const streakParams = (rows: readonly ThrottleRow[]) => [rows.map((row) => row.domain), rows.map((row) => row.throttled_hours)];

/**
 * The day's numbers of `rows` with their distinct recipient domains (`counted`: the domains to count,
 * null for every domain) and the history of the domains in `historyFor`.
 */
async function completeDays(
  read: Read,
  day: string,
  rows: readonly DayRow[],
  counted: readonly string[] | null,
  historyFor: readonly string[],
): Promise<DomainDay[]> {
  const some = historyFor.length > 0;
  const [recipientDomains, sends, bounces, created] = await Promise.all([
    read<RecipientDomainsRow>(recipientDomainsSql, [day, counted]),
    some ? read<SendHistoryRow>(sendHistorySql, [day, historyFor]) : [],
    some ? read<BounceHistoryRow>(bounceHistorySql, [day, historyFor]) : [],
    some ? read<CreatedRow>(createdSql, [historyFor]) : [],
  ]);
  const countsOf = new Map(recipientDomains.map((row) => [row.domain, row]));
  const historyOf = toHistories(sends, bounces, created, day);
  return rows.map((row) => {
    const stats = toDay(row, day, countsOf.get(row.domain));
    const history = historyOf.get(row.domain);
    return history === undefined ? stats : { ...stats, ...history };
  });
}

/** The day's active domains as the digest reads them (fleetDays). */
export interface FleetDays {
  /** Every active domain's day added up. */
  totals: FleetTotals;
  /**
   * The domains some rule may fire on (mayFireSql), with their 7-day history; with `all`, every
   * active domain too, without history. Every active domain not listed is healthy.
   */
  days: DomainDay[];
}

/**
 * The active domains' numbers for `day` (UTC, `YYYY-MM-DD`) against `thresholds`, read from the
 * rollups: the database adds every domain up and sends only the rows some rule may fire on (every
 * row with `all`), so what reaches JS grows with the domains in trouble. In no particular order
 * (fleetReport sorts).
 */
export async function fleetDays(pool: pg.Pool, day: string, thresholds: Thresholds, all = false): Promise<FleetDays> {
  const read = fleetReader(pool);
  const lines = thresholdKeys.map((key) => thresholds[key]);
  // Beside the scan of the day (which judges no streak): the streaks long enough to fire.
  const [longStreaks, [scan]] = await Promise.all([
    read<ThrottleRow>(throttleSql, [day, null, thresholds.throttled_hours_fix]),
    read<FleetScanRow>(fleetScanSql, [day, ...lines]),
  ]);
  const { candidates, ...totals } = scan!;
  const mayFire = new Set(candidates);
  const listed = all ? null : candidates;
  // The listed domains' rows and streaks, however short; the domains a rule may fire on through their streak alone.
  const [rows, streaks, streakRows] = await Promise.all([
    all || candidates.length > 0 ? read<DayRow>(listedDaysSql, [day, [], [], listed]) : [],
    all || candidates.length > 0 ? read<ThrottleRow>(throttleSql, [day, listed, 1]) : [],
    read<DayRow>(streakDaysSql, [day, ...streakParams(longStreaks.filter((streak) => !mayFire.has(streak.domain))), ...lines]),
  ]);
  const streakOf = new Map(streaks.map((streak) => [streak.domain, streak.throttled_hours]));
  for (const row of streakRows) mayFire.add(row.domain);
  const days = rows.map((row) => ({ ...row, throttled_hours: streakOf.get(row.domain) ?? 0 }));
  if (!all) days.push(...streakRows);
  return { totals, days: await completeDays(read, day, days, all ? null : days.map((row) => row.domain), [...mayFire]) };
}

/** One domain's numbers for `day`, whatever its status, with its history; null when the domain is unknown. */
export async function domainDayStats(db: Queryable, domain: string, day: string): Promise<DomainDayStats | null> {
  const read: Read = async (sql, params) => (await db.query(sql, params)).rows;
  const streaks = await read<ThrottleRow>(throttleSql, [day, [domain], 1]);
  const rows = await read<DayRow>(listedDaysSql, [day, ...streakParams(streaks), [domain]]);
  const [stats] = await completeDays(read, day, rows, [domain], [domain]);
  if (stats === undefined) return null;
  const { c554_trailing, bounce_rate_trend } = stats;
  if (c554_trailing === undefined || bounce_rate_trend === undefined) return null;
  return { ...stats, c554_trailing, bounce_rate_trend };
}

export type StatusCounts = Record<DomainStatus, number>;

/** How many sending domains are in each status now. */
export async function domainStatusCounts(db: Queryable): Promise<StatusCounts> {
  const { rows } = await db.query<{ status: DomainStatus; domains: number }>(
    'SELECT status, count(*)::int AS domains FROM sending_domains GROUP BY status',
  );
  const counts: StatusCounts = { active: 0, pulled: 0, reserved: 0 };
  for (const row of rows) counts[row.status] = row.domains;
  return counts;
}

export interface StatusChangeSummary {
  domain: string;
  from_status: DomainStatus | null;
  to_status: DomainStatus;
  actor: string;
  at: Date;
  reason: string | null;
}

/**
 * Status changes with `since <= at < until`, newest first, at most `limit` of them, and how many
 * there were in all.
 */
export async function recentStatusChanges(
  db: Queryable,
  since: Date,
  until: Date,
  limit: number,
): Promise<{ changes: StatusChangeSummary[]; total: number }> {
  const { rows } = await db.query<StatusChangeSummary & { total: number }>(
    `SELECT domain, from_status, to_status, actor, at, reason, count(*) OVER ()::int AS total
       FROM domain_status_history WHERE at >= $1 AND at < $2
      ORDER BY at DESC, id DESC LIMIT $3`,
    [since, until, limit],
  );
  return { changes: rows.map(({ total: _total, ...change }) => change), total: rows[0]?.total ?? 0 };
}
