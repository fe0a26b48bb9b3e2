import type { DayRates } from '../rates.js';
import type { DomainDay } from '../stats.js';
import type { Thresholds } from '../thresholds.js';
import type { Finding, RuleName } from '../verdict.js';

export interface RuleInput {
  stats: DomainDay;
  thresholds: Thresholds;
  rates: DayRates;
}

/** What a rule says when it fires; the rule's name is added by the judge. */
export type Judgement = Omit<Finding, 'rule'>;

/**
 * The SQL form of "this rule can fire": a condition over one row of the day's numbers (columns named
 * like DomainDay's fields, with `auth_total` for the sum of `auth_failures`), true for every row on
 * which `check` fires and for as few others as it can. `line(key)` stands for a threshold's value.
 * The fleet digest brings only the rows where some rule may fire out of the database: every other
 * domain is healthy without being judged in JS (test/health/may-fire.test.ts holds the two together).
 * Rates are compared with a little slack, so float rounding can only add rows, never drop one.
 */
export type MayFireSql = (line: (key: keyof Thresholds) => string) => string;

export interface Rule {
  name: RuleName;
  /** Rate rules are skipped on low-volume days, where a single bounce would swing the rate. */
  judgesRates: boolean;
  /** Null for rules that only inform and never change a verdict. */
  mayFire: MayFireSql | null;
  /** A judgement when the rule fires, null otherwise. */
  check(input: RuleInput): Judgement | null;
}
