export { judgeDomain } from './judge-domain.js';
export { judgeFleet, type FleetReport, type FleetTotals } from './judge-fleet.js';
export { bounceRateOf, sendsCoverBounces } from './rates.js';
export { rules } from './rules/index.js';
export type { DayCount, MayFire, Rule } from './rules/rule.js';
export { sparkline } from './sparkline.js';
export { authChecks, type AuthCheck, type DomainDayNumbers, type DomainDayStats, type DomainHistory } from './stats.js';
export {
  defaultThresholds,
  parseThresholds,
  thresholdsSchema,
  ThresholdsError,
  type Thresholds,
} from './thresholds.js';
export {
  ruleNames,
  severities,
  verdicts,
  type BouncePattern,
  type DomainVerdict,
  type Finding,
  type RuleName,
  type Severity,
  type Verdict,
} from './verdict.js';
