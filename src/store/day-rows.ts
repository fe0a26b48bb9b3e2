import type pg from 'pg';
import type { DomainStatus } from '../fleet/lifecycle.js';
import { authChecks, bounceRateOf, type DomainDayNumbers, type DomainHistory } from '../health/index.js';

/** Days of history before the digest day in `bounce_rate_trend` and `c554_trailing`. */
const historyDays = 7;

export const authTotal = (table: string) => authChecks.map((check) => `${table}.auth_${check}`).join(' + ');

/**
 * One row per domain of `domains`: its numbers for the day `$1` from the day rollups, with the
 * throttling streaks `$2` (domains, text[]) and `$3` (hours, int[]).
 */
export const dayRowsSql = (domains: string) => `
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
    LEFT JOIN send_daily_rollup s ON s.day = $1::date AND s.sending_domain = d.domain
    LEFT JOIN bounce_daily b ON b.day = $1::date AND b.sending_domain = d.domain
    LEFT JOIN daily_complaints c ON c.day = $1::date AND c.sending_domain = d.domain
    LEFT JOIN streak t ON t.domain = d.domain
)`;

/** The domains `$4` (text[]; null: every active domain), whatever their status. */
export const listedDaysSql = `${dayRowsSql(`
  SELECT domain, status FROM sending_domains
   WHERE CASE WHEN $4::text[] IS NULL THEN status = 'active' ELSE domain = ANY ($4::text[]) END`)}
SELECT * FROM day`;


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
const sendHistorySql = historySql('send_daily_rollup', ['sent']);
const bounceHistorySql = historySql('bounce_daily', ['bounces', 'c554']);

/** The day each domain in `$1` (text[]) was created: its history starts no earlier than that, or its first rollup day. */
const createdSql = `SELECT domain, (created_at AT TIME ZONE 'UTC')::date::text AS created_day FROM sending_domains WHERE domain = ANY ($1::text[])`;

export interface DayRow {
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

function toDay(row: DayRow, day: string, recipientDomains: RecipientDomainsRow | undefined): DomainDayNumbers {
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
      bounce_rate_trend: sent.map((count, i) => (count === null ? null : bounceRateOf({ sent: count, bounces: bounced[i] ?? 0 }))),
    });
  }
  return histories;
}

/** Runs one statement: on the pool or a client, or in a transaction of its own (fleet-day-scan.ts). */
export type Read = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * The day's numbers of `rows` with their distinct recipient domains (`counted`: the domains to count,
 * null for every domain) and the history of the domains in `historyFor`.
 */
export async function completeDays(
  read: Read,
  day: string,
  rows: readonly DayRow[],
  counted: readonly string[] | null,
  historyFor: readonly string[],
): Promise<DomainDayNumbers[]> {
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
