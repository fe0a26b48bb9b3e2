import type { DomainDayStats } from '../health/index.js';
import { completeDays, listedDaysSql, type DayRow, type Read } from './day-rows.js';
import type { Queryable } from './store.js';
import { streakParams, throttleSql, type ThrottleRow } from './throttle-streaks.js';

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
