import type { DayRates } from '../rates.js';
import type { DomainDayNumbers } from '../stats.js';
import type { Thresholds } from '../thresholds.js';
import type { Finding, RuleName } from '../verdict.js';

export interface RuleInput {
  stats: DomainDayNumbers;
  thresholds: Thresholds;
  rates: DayRates;
}

/** What a rule says when it fires; the rule's name is added by the judge. */
export type Judgement = Omit<Finding, 'rule'>;

/**
 * The day's numbers a rule's `mayFire` can compare, as in DomainDayNumbers, except: `complaints` is what
 * the complaint rate counts (a provider-reported rate × sends when there is one, else the counted
 * complaints), and `auth_failures` is the sum over every check.
 */
export type DayCount =
  | 'sent'
  | 'bounces'
  | 'invalid'
  | 'complaints'
  | 'reputation_blocks'
  | 'c554'
  | 'auth_failures'
  | 'throttled_hours';

/**
 * When a rule can fire, as data over the day's numbers: true on every day on which `check` fires, and
 * on as few others as it can.
 * - `{ rate, over }`: on a day with at least `min_sends` sends (rates are judged), `rate / sent`
 *   reaches the `over` line, give or take float rounding (always towards "may fire");
 * - `{ count, atLeast }`: the count reaches a line, or a fixed number;
 * - `{ count, exceeds }`: the count is greater than another of the day's counts.
 * The fleet digest brings only the days where some rule may fire out of the database (the store
 * turns these into SQL, src/store/may-fire.ts): every other domain is healthy without being judged in
 * JS. test/store/may-fire.test.ts holds the two statements of each rule together.
 */
export type MayFire =
  | { rate: Exclude<DayCount, 'sent'>; over: keyof Thresholds }
  | { count: DayCount; atLeast: keyof Thresholds | number }
  | { count: DayCount; exceeds: DayCount };

export interface Rule {
  name: RuleName;
  /** Rate rules are skipped on low-volume days, where a single bounce would swing the rate. */
  judgesRates: boolean;
  /** Null for rules that only inform and never change a verdict. */
  mayFire: MayFire | null;
  /** A judgement when the rule fires, null otherwise. */
  check(input: RuleInput): Judgement | null;
}
