import type pg from 'pg';
import type { DomainDayNumbers, FleetTotals, Thresholds } from '../health/index.js';
import { authTotal, completeDays, dayRowsSql, listedDaysSql, type DayRow, type Read } from './day-rows.js';
import { mayFireFrom, mayFireParams } from './may-fire.js';
import { streakParams, throttleSql, type ThrottleRow } from './throttle-streaks.js';
import { inTransaction } from './transaction.js';

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
WITH s AS (SELECT sending_domain, sent FROM send_daily_rollup WHERE day = $1::date),
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

/** The `fleetScanSql` row. */
type FleetScanRow = FleetTotals & { candidates: string[] };

/**
 * Memory for the fleet statements' hashes and aggregates: at 100,000 domains the server default
 * (4 MB) spills them to disk several times over.
 */
const fleetWorkMem = '64MB';

/** Runs each fleet statement in its own transaction with `fleetWorkMem`, on a connection of its own. */
function fleetReader(pool: pg.Pool): Read {
  return <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
    inTransaction(pool, async (client) => {
      // JIT compiling these statements costs more than it saves: they run once a day, over 100,000 rows at most.
      await client.query(`SET LOCAL work_mem = '${fleetWorkMem}'; SET LOCAL jit = off`);
      return (await client.query<T>(sql, params)).rows;
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
  days: DomainDayNumbers[];
}

/**
 * The active domains' numbers for `day` (UTC, `YYYY-MM-DD`) against `thresholds`, read from the
 * rollups: the database adds every domain up and sends only the rows some rule may fire on (every
 * row with `all`), so what reaches JS grows with the domains in trouble. In no particular order
 * (fleetReport sorts).
 */
export async function fleetDays(pool: pg.Pool, day: string, thresholds: Thresholds, all = false): Promise<FleetDays> {
  const read = fleetReader(pool);
  const lines = mayFireParams(thresholds);
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
