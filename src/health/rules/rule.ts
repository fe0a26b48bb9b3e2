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

export interface Rule {
  name: RuleName;
  /** Rate rules are skipped on low-volume days, where a single bounce would swing the rate. */
  judgesRates: boolean;
  /** A judgement when the rule fires, null otherwise. */
  check(input: RuleInput): Judgement | null;
}
