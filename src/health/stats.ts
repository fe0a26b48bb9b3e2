import type { AuthCheck } from '../auth-checks.js';
import type { DomainStatus } from '../fleet/lifecycle.js';

export { authChecks, type AuthCheck } from '../auth-checks.js';

/**
 * One sending domain's numbers for one digest day (UTC), as the store rolls them up, with or without
 * the 7-day history before it (`c554_trailing`, `bounce_rate_trend`). The fleet digest reads the history
 * only where it can matter (src/digest/digest.ts): absent means "not read", never "zero".
 * Field names are snake_case, like the rollup columns and the digest JSON.
 * Every count is a non-negative integer; every rate is a fraction (0.07 = 7 %).
 */
export interface DomainDayNumbers {
  /** The sending domain, lower-case, e.g. `outreach-example.com`. */
  domain: string;
  /** The digest day as `YYYY-MM-DD` (UTC). */
  day: string;
  status: DomainStatus;
  /** Messages the domain sent (attempted deliveries) on the day. */
  sent: number;
  /** Permanent failures: replies whose code starts with 5, and bounces reported without any code. Deferrals are never counted here. */
  bounces: number;
  /** Temporary failures: replies whose code starts with 4 (counted apart from bounces). */
  deferrals: number;
  /** Bounces that say the recipient address does not exist (5.1.1 and its provider variants); a subset of `bounces`. */
  invalid: number;
  /** Spam complaints counted from feedback reports, or null when the domain has no complaint feed. */
  complaints: number | null;
  /** Spam rate a mailbox provider reported for the day (a fraction), or null when none was reported. */
  reported_spam_rate: number | null;
  /** Bounces whose reply blames a blocklist, poor reputation or spam; a subset of `bounces`. */
  reputation_blocks: number;
  /** Distinct recipient domains among `reputation_blocks`. */
  reputation_recipient_domains: number;
  /** Bounces with reply code 554; a subset of `bounces`. */
  c554: number;
  /** 554 counts of the 7 days before the digest day, oldest first; a day without sends counts 0. */
  c554_trailing?: readonly number[];
  /** Bounces caused by each failed authentication check; `multiple` is "several checks failed" (X.7.26). */
  auth_failures: Readonly<Record<AuthCheck, number>>;
  /**
   * Hours throttling has lasted without relief, up to the end of the digest day (see docs/health-rules.md,
   * persistent_421): 0 when the domain's last active hour was not throttled.
   */
  throttled_hours: number;
  /** Distinct recipient addresses among the day's bounces; any value above 1 means "more than one". */
  bounce_recipients: number;
  /** Distinct recipient domains among the day's bounces. */
  bounce_recipient_domains: number;
  /** Bounce rate of the 7 previous days and the digest day (8 entries, oldest first); null for a day without sends or with fewer sends than bounces. */
  bounce_rate_trend?: readonly (number | null)[];
}

/** A domain's day with its history read. */
export interface DomainDayStats extends DomainDayNumbers {
  c554_trailing: readonly number[];
  bounce_rate_trend: readonly (number | null)[];
}

/** The history fields of a domain's day: what the store reads in a second statement. */
export type DomainHistory = Pick<DomainDayStats, 'c554_trailing' | 'bounce_rate_trend'>;
