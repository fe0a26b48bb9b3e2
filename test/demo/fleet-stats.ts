import type { DomainStatus } from '../../src/fleet/lifecycle.js';
import type { DomainDayStats } from '../../src/health/index.js';
import type { Queryable } from '../../src/store/store.js';

/**
 * Every domain's DomainDayStats for `day`, computed from the rollups (and the raw events, for the
 * distinct recipient domains) exactly as docs/data-model.md
 * and docs/health-rules.md define them (an independent reading, so the demo is checked against the
 * definitions rather than against its own generator).
 */
export async function fleetDayStats(db: Queryable, day: string): Promise<DomainDayStats[]> {
  const { rows } = await db.query<{
    domain: string; status: DomainStatus; sent: string; bounces: number | null; deferrals: number | null;
    invalid: number | null; c554: number | null; reputation_blocks: number | null; auth_spf: number | null;
    auth_dkim: number | null; auth_dmarc: number | null; auth_ptr: number | null; auth_multiple: number | null;
    bounce_recipients: number; bounce_recipient_domains: string; reputation_recipient_domains: string;
    complaints: number | null; spam_rate: string | null;
  }>(
    `SELECT d.domain, d.status, coalesce(s.sent, 0)::text AS sent, b.bounces, b.deferrals, b.invalid, b.c554,
            b.reputation_blocks, b.auth_spf, b.auth_dkim, b.auth_dmarc, b.auth_ptr, b.auth_multiple,
            CASE WHEN b.min_bounce_recipient IS NULL THEN 0
                 WHEN b.min_bounce_recipient = b.max_bounce_recipient THEN 1 ELSE 2 END AS bounce_recipients,
            (SELECT count(DISTINCT split_part(e.recipient, '@', 2)) FROM bounce_events e
              WHERE e.sending_domain = d.domain AND (e.occurred_at AT TIME ZONE 'UTC')::date = $1 AND coalesce(e.reply_class, 5) = 5
            )::text AS bounce_recipient_domains,
            (SELECT count(DISTINCT split_part(e.recipient, '@', 2)) FROM bounce_events e
              WHERE e.sending_domain = d.domain AND (e.occurred_at AT TIME ZONE 'UTC')::date = $1 AND coalesce(e.reply_class, 5) = 5
                AND e.category IN ('reputation', 'spam_content'))::text AS reputation_recipient_domains,
            c.complaints, c.spam_rate::text
       FROM sending_domains d
       LEFT JOIN send_daily_rollup s ON s.day = $1 AND s.sending_domain = d.domain
       LEFT JOIN bounce_daily b ON b.day = $1 AND b.sending_domain = d.domain
       LEFT JOIN daily_complaints c ON c.day = $1 AND c.sending_domain = d.domain
      ORDER BY d.domain`,
    [day],
  );
  const history = await db.query<{ domain: string; offset: number; sent: string; bounces: number; c554: number }>(
    `SELECT d.domain, ($1::date - g.day::date) AS offset, coalesce(s.sent, 0)::text AS sent,
            coalesce(b.bounces, 0) AS bounces, coalesce(b.c554, 0) AS c554
       FROM sending_domains d
       CROSS JOIN generate_series($1::date - 7, $1::date, interval '1 day') AS g(day)
       LEFT JOIN send_daily_rollup s ON s.sending_domain = d.domain AND s.day = g.day::date
       LEFT JOIN bounce_daily b ON b.sending_domain = d.domain AND b.day = g.day::date`,
    [day],
  );
  const hourly = await db.query<{ domain: string; hour: Date; throttled: number }>(
    `SELECT sending_domain AS domain, hour, throttled FROM bounce_hourly
      WHERE hour >= ($1::date - 7)::timestamp AT TIME ZONE 'UTC' AND hour < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
        AND events > 0 ORDER BY hour`,
    [day],
  );
  return rows.map((row) => {
    const days = history.rows.filter((h) => h.domain === row.domain).sort((a, b) => b.offset - a.offset);
    const sent = Number(row.sent);
    return {
      domain: row.domain,
      day,
      status: row.status,
      sent,
      bounces: row.bounces ?? 0,
      deferrals: row.deferrals ?? 0,
      invalid: row.invalid ?? 0,
      complaints: row.complaints,
      reported_spam_rate: row.spam_rate === null ? null : Number(row.spam_rate),
      reputation_blocks: row.reputation_blocks ?? 0,
      reputation_recipient_domains: Number(row.reputation_recipient_domains),
      c554: row.c554 ?? 0,
      c554_trailing: days.filter((h) => h.offset > 0).map((h) => h.c554),
      auth_failures: {
        spf: row.auth_spf ?? 0,
        dkim: row.auth_dkim ?? 0,
        dmarc: row.auth_dmarc ?? 0,
        ptr: row.auth_ptr ?? 0,
        multiple: row.auth_multiple ?? 0,
      },
      throttled_hours: throttledHours(hourly.rows.filter((h) => h.domain === row.domain)),
      bounce_recipients: row.bounce_recipients,
      bounce_recipient_domains: Number(row.bounce_recipient_domains),
      bounce_rate_trend: days.map((h) => (Number(h.sent) > 0 ? h.bounces / Number(h.sent) : null)),
    };
  });
}

/** The current throttling streak in hours (docs/health-rules.md, persistent_421), from active hours oldest first. */
export function throttledHours(hours: readonly { hour: Date; throttled: number }[]): number {
  const lastClean = hours.filter((h) => h.throttled === 0).at(-1)?.hour.getTime() ?? -Infinity;
  const streak = hours.filter((h) => h.throttled > 0 && h.hour.getTime() > lastClean);
  if (streak.length === 0) return 0;
  return (streak.at(-1)!.hour.getTime() - streak[0]!.hour.getTime()) / 3_600_000 + 1;
}
