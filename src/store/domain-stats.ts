import type pg from 'pg';
import type { DomainDay, DomainDayStats, DomainHistory, DomainStatus } from '../health/index.js';
import type { Queryable } from './queryable.js';

/** Days of history before the digest day in `bounce_rate_trend` and `c554_trailing`. */
const historyDays = 7;
/** How far back `throttled_hours` looks: 7 days of hours up to the end of the digest day. */
const throttleLookbackDays = 7;

/** `sum(expression) FILTER (WHERE h.day = $1 - offset)` for each history day, oldest first. */
const perDay = (expression: string, offsets: readonly number[]) =>
  `ARRAY[${offsets.map((offset) => `sum(${expression}) FILTER (WHERE h.day = $1::date - ${offset})`).join(', ')}]::int[]`;

const trendOffsets = Array.from({ length: historyDays + 1 }, (_, i) => historyDays - i);
const trailingOffsets = trendOffsets.slice(0, historyDays);

/** `$2` null: every active domain; else that one domain, whatever its status. */
const onlyDomain = (column: string) => `($2::text IS NULL OR ${column} = $2::text)`;

/**
 * The digest day, one row per domain: the day rollups and recipient-domain counts from
 * bounce_daily_recipient_domains. The throttling streak is `throttleSql`, run beside it.
 */
const daySql = `
WITH domains AS (
  SELECT domain, status FROM sending_domains
   WHERE CASE WHEN $2::text IS NULL THEN status = 'active' ELSE domain = $2::text END
),
recipient_domains AS (
  SELECT sending_domain,
         count(*) FILTER (WHERE bounces > 0)::int AS bounce_recipient_domains,
         count(*) FILTER (WHERE reputation_blocks > 0)::int AS reputation_recipient_domains
    FROM bounce_daily_recipient_domains
   WHERE day = $1::date AND ${onlyDomain('sending_domain')}
   GROUP BY sending_domain
)
SELECT d.domain, d.status,
       coalesce(s.sent, 0)::int AS sent,
       coalesce(b.bounces, 0) AS bounces, coalesce(b.deferrals, 0) AS deferrals, coalesce(b.invalid, 0) AS invalid,
       c.complaints, c.spam_rate::float8 AS reported_spam_rate,
       coalesce(b.reputation_blocks, 0) AS reputation_blocks,
       coalesce(r.reputation_recipient_domains, 0) AS reputation_recipient_domains,
       coalesce(b.c554, 0) AS c554,
       coalesce(b.auth_spf, 0) AS auth_spf, coalesce(b.auth_dkim, 0) AS auth_dkim, coalesce(b.auth_dmarc, 0) AS auth_dmarc,
       coalesce(b.auth_ptr, 0) AS auth_ptr, coalesce(b.auth_multiple, 0) AS auth_multiple,
       CASE WHEN b.min_bounce_recipient IS NULL THEN 0
            WHEN b.min_bounce_recipient = b.max_bounce_recipient THEN 1 ELSE 2 END AS bounce_recipients,
       coalesce(r.bounce_recipient_domains, 0) AS bounce_recipient_domains
  FROM domains d
  LEFT JOIN send_daily s ON s.day = $1::date AND s.sending_domain = d.domain
  LEFT JOIN bounce_daily b ON b.day = $1::date AND b.sending_domain = d.domain
  LEFT JOIN daily_complaints c ON c.day = $1::date AND c.sending_domain = d.domain
  LEFT JOIN recipient_domains r ON r.sending_domain = d.domain`;

/**
 * The throttling streak from bounce_hourly (docs/health-rules.md, persistent_421), one row per domain
 * in a streak; run beside `daySql`, on its own connection. Only domains with a throttled hour in the
 * week are looked at (partial index, migrations/010), and of those only the ones whose streak can
 * still be running: throttled on the digest day, or idle on it (a domain with activity on the day but
 * no throttled hour that day has had a clean hour since). For those, the latest clean hour and the first throttled hour after it come from the (sending_domain, hour) index.
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
   WHERE h.throttled > 0 AND h.hour >= bounds.since AND h.hour < bounds.until AND ${onlyDomain('h.sending_domain')}
   GROUP BY h.sending_domain
),
running AS MATERIALIZED (
  SELECT t.sending_domain, t.last_throttled
    FROM throttled t, bounds
   WHERE t.last_throttled >= bounds.day_start
      OR NOT EXISTS (SELECT 1 FROM bounce_daily b WHERE b.day = $1::date AND b.sending_domain = t.sending_domain)
),
streaks AS (
  SELECT r.sending_domain, r.last_throttled, clean.hour AS last_clean
    FROM running r CROSS JOIN bounds
    CROSS JOIN LATERAL (SELECT max(h.hour) AS hour FROM bounce_hourly h
                         WHERE h.sending_domain = r.sending_domain AND h.throttled = 0
                           AND h.hour >= bounds.since AND h.hour < bounds.until) clean
   WHERE clean.hour IS NULL OR r.last_throttled > clean.hour
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
SELECT sending_domain AS domain, throttled_hours FROM throttle`;

/** The 8 days of the trend as an IN list: each is one descent of a rollup's (day, sending_domain) key. */
const historyDayList = trendOffsets.map((offset) => `$1::date - ${offset}`).join(', ');

/**
 * The 7 days before the digest day and the day itself for the domains in `$2` (text[]), one row per
 * known domain: sends, bounces and 554s per day, the first day seen and the day the domain was
 * created. Per domain, one index probe per day and rollup (a day range would walk every domain's key
 * of those days, and a hash join reads the whole rollups), so the cost follows the number of domains
 * asked for, not the fleet; the rates are divided in JS.
 */
const historySql = `
SELECT d.domain, (d.created_at AT TIME ZONE 'UTC')::date::text AS created_day,
       s.sent, b.bounces, b.c554_history, least(s.first_day, b.first_day)::text AS first_day
  FROM sending_domains d
 CROSS JOIN LATERAL (
   SELECT ${perDay('h.sent::int', trendOffsets)} AS sent, min(h.day) AS first_day
     FROM send_daily h WHERE h.day IN (${historyDayList}) AND h.sending_domain = d.domain) s
 CROSS JOIN LATERAL (
   SELECT ${perDay('h.bounces', trendOffsets)} AS bounces, ${perDay('h.c554', trailingOffsets)} AS c554_history,
          min(h.day) AS first_day
     FROM bounce_daily h WHERE h.day IN (${historyDayList}) AND h.sending_domain = d.domain) b
 WHERE d.domain = ANY($2::text[])`;

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
  reputation_recipient_domains: number;
  c554: number;
  auth_spf: number;
  auth_dkim: number;
  auth_dmarc: number;
  auth_ptr: number;
  auth_multiple: number;
  bounce_recipients: number;
  bounce_recipient_domains: number;
}

interface ThrottleRow {
  domain: string;
  throttled_hours: number;
}

interface HistoryRow {
  domain: string;
  created_day: string;
  /** Per day, oldest first; null: no send_daily row that day. */
  sent: (number | null)[];
  bounces: (number | null)[];
  c554_history: (number | null)[];
  /** Null: no rollup row in the 8 days. */
  first_day: string | null;
}

/** Bounce rate per day; null for a day without sends. */
const trend = (history: HistoryRow) => history.sent.map((sent, i) => (sent ? (history.bounces[i] ?? 0) / sent : null));

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

function toDay(row: DayRow, day: string, throttledHours: number): DomainDay {
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
    reputation_recipient_domains: row.reputation_recipient_domains,
    c554: row.c554,
    auth_failures: { spf: row.auth_spf, dkim: row.auth_dkim, dmarc: row.auth_dmarc, ptr: row.auth_ptr, multiple: row.auth_multiple },
    throttled_hours: throttledHours,
    bounce_recipients: row.bounce_recipients,
    bounce_recipient_domains: row.bounce_recipient_domains,
  };
}

function toHistory(history: HistoryRow, day: string): DomainHistory {
  // A younger domain passes only the days it has: from its first day (created, or first seen in the rollups).
  const firstDay = history.first_day !== null && history.first_day < history.created_day ? history.first_day : history.created_day;
  const historyFrom = Math.max(0, dayNumber(firstDay) - (dayNumber(day) - historyDays));
  return {
    c554_trailing: history.c554_history.slice(historyFrom).map((count) => count ?? 0),
    bounce_rate_trend: trend(history),
  };
}

/**
 * Memory for the fleet statements' hashes and aggregates: at 100,000 domains the server default
 * (4 MB) spills them to disk several times over.
 */
const fleetWorkMem = '64MB';

/** Runs one fleet statement in its own transaction with `fleetWorkMem`. */
async function fleetQuery<T extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[]): Promise<T[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL work_mem = '${fleetWorkMem}'`);
    const { rows } = await client.query<T>(sql, params);
    await client.query('COMMIT');
    return rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Every active domain's numbers for `day` (UTC, `YYYY-MM-DD`) without the history, read from the
 * rollups only: the cost grows with the number of domains, not of events. In no particular order
 * (judgeFleet sorts).
 */
export async function fleetDays(pool: pg.Pool, day: string): Promise<DomainDay[]> {
  const [rows, streaks] = await Promise.all([
    fleetQuery<DayRow>(pool, daySql, [day, null]),
    fleetQuery<ThrottleRow>(pool, throttleSql, [day, null]),
  ]);
  const throttled = new Map(streaks.map((streak) => [streak.domain, streak.throttled_hours]));
  return rows.map((row) => toDay(row, day, throttled.get(row.domain) ?? 0));
}

/** The 7-day history of the given domains before `day` (and the day's bounce rate), by domain. */
export async function fleetHistories(db: pg.Pool, day: string, domains: readonly string[]): Promise<Map<string, DomainHistory>> {
  if (domains.length === 0) return new Map();
  const rows = await fleetQuery<HistoryRow>(db, historySql, [day, domains]);
  return new Map(rows.map((row) => [row.domain, toHistory(row, day)]));
}

/** Every active domain's numbers for `day` with their history (the digest reads history only where it matters). */
export async function fleetDayStats(pool: pg.Pool, day: string): Promise<DomainDayStats[]> {
  const days = await fleetDays(pool, day);
  const histories = await fleetHistories(pool, day, days.map((stats) => stats.domain));
  return days.map((stats) => ({ ...stats, ...histories.get(stats.domain)! }));
}

/** One domain's numbers for `day`, whatever its status; null when the domain is unknown. */
export async function domainDayStats(db: Queryable, domain: string, day: string): Promise<DomainDayStats | null> {
  const [days, streaks, histories] = await Promise.all([
    db.query<DayRow>(daySql, [day, domain]),
    db.query<ThrottleRow>(throttleSql, [day, domain]),
    db.query<HistoryRow>(historySql, [day, [domain]]),
  ]);
  const [row] = days.rows;
  const [history] = histories.rows;
  if (row === undefined || history === undefined) return null;
  return { ...toDay(row, day, streaks.rows[0]?.throttled_hours ?? 0), ...toHistory(history, day) };
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
