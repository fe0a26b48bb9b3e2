import type { Queryable } from './store.js';

/**
 * What Google Postmaster Tools reported for one sending domain on one day. `reported` false: Google
 * answered with no rows for the day, as it does for a domain under its volume floor. The spam rate
 * is kept in daily_complaints, where the digest judges it.
 */
export interface PostmasterDay {
  day: string;
  sending_domain: string;
  reported: boolean;
  spf_success_rate: number | null;
  dkim_success_rate: number | null;
  dmarc_success_rate: number | null;
}

/**
 * Stores the days; a day already stored keeps the rates a new pull leaves out, and stays reported
 * once Google reported it (a later pull may find it under the floor no more, never the reverse).
 */
export async function upsertPostmasterDays(db: Queryable, days: readonly PostmasterDay[]): Promise<void> {
  if (days.length === 0) return;
  await db.query(
    `INSERT INTO postmaster_days AS p (day, sending_domain, reported, spf_success_rate, dkim_success_rate, dmarc_success_rate)
     SELECT * FROM unnest($1::date[], $2::text[], $3::boolean[], $4::numeric[], $5::numeric[], $6::numeric[]) ORDER BY 2, 1
     ON CONFLICT (sending_domain, day) DO UPDATE SET
       reported = p.reported OR excluded.reported,
       spf_success_rate = coalesce(excluded.spf_success_rate, p.spf_success_rate),
       dkim_success_rate = coalesce(excluded.dkim_success_rate, p.dkim_success_rate),
       dmarc_success_rate = coalesce(excluded.dmarc_success_rate, p.dmarc_success_rate),
       pulled_at = now()`,
    [
      days.map((d) => d.day),
      days.map((d) => d.sending_domain),
      days.map((d) => d.reported),
      days.map((d) => d.spf_success_rate),
      days.map((d) => d.dkim_success_rate),
      days.map((d) => d.dmarc_success_rate),
    ],
  );
}

/** The domain's Postmaster day, or null when no pull covered it. */
export async function postmasterDay(db: Queryable, domain: string, day: string): Promise<PostmasterDay | null> {
  const { rows } = await db.query<PostmasterDay>(
    `SELECT day::text AS day, sending_domain, reported, spf_success_rate::float8 AS spf_success_rate,
            dkim_success_rate::float8 AS dkim_success_rate, dmarc_success_rate::float8 AS dmarc_success_rate
       FROM postmaster_days WHERE sending_domain = $1 AND day = $2::date`,
    [domain, day],
  );
  return rows[0] ?? null;
}
