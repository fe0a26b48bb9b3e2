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
export const throttleSql = `
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

export interface ThrottleRow {
  domain: string;
  throttled_hours: number;
}

/** Streak rows as the day rows' `$2` and `$3` (day-rows.ts). */
export const streakParams = (rows: readonly ThrottleRow[]) => [rows.map((row) => row.domain), rows.map((row) => row.throttled_hours)];
