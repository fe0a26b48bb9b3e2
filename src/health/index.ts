export { judgeDomain } from './judge-domain.js';
export { judgeFleet, type FleetReport, type FleetTotals } from './judge-fleet.js';
export { mayFireSql } from './may-fire.js';
export { sparkline } from './sparkline.js';
export { authChecks, type AuthCheck, type DomainDay, type DomainDayStats, type DomainHistory } from './stats.js';
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
