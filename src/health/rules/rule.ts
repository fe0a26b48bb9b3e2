import type { DayRates } from '../rates.js';
import type { DomainDayStats } from '../stats.js';
import type { Thresholds } from '../thresholds.js';
import type { Finding, RuleName } from '../verdict.js';

export interface RuleInput {
  stats: DomainDayStats;
  thresholds: Thresholds;
  rates: DayRates;
}

export interface Rule {
  name: RuleName;
  /** Rate rules are skipped on low-volume days, where a single bounce would swing the rate. */
  judgesRates: boolean;
  /** A finding when the rule fires, null otherwise. */
  check(input: RuleInput): Finding | null;
}
