import { bounceRateOf } from '../health/index.js';
import type { Queryable } from './store.js';

/** One day of a domain's week as its card and `smtp-desk domain` show it. */
export interface DaySendsAndBounces {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  sent: number;
  bounces: number;
  /** bounces / sent; null on a day without sends, or with fewer sends than bounces (sends missing). */
  bounce_rate: number | null;
}

/** A domain's sends and bounces for the `days` UTC days ending with `lastDay`, oldest first, one entry per day. */
export async function recentDomainDays(db: Queryable, domain: string, lastDay: string, days = 7): Promise<DaySendsAndBounces[]> {
  const { rows } = await db.query<{ day: string; sent: string; bounces: number }>(
    `SELECT d.day::date::text AS day, coalesce(s.sent, 0)::text AS sent, coalesce(b.bounces, 0) AS bounces
       FROM generate_series($2::date - ($3::integer - 1), $2::date, interval '1 day') AS d(day)
       LEFT JOIN send_daily_rollup s ON s.sending_domain = $1 AND s.day = d.day::date
       LEFT JOIN bounce_daily b ON b.sending_domain = $1 AND b.day = d.day::date
      ORDER BY d.day`,
    [domain, lastDay, days],
  );
  return rows.map((row) => {
    const sent = Number(row.sent);
    return { day: row.day, sent, bounces: row.bounces, bounce_rate: bounceRateOf({ sent, bounces: row.bounces }) };
  });
}
