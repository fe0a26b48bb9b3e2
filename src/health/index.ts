export { judgeDomain } from './judge-domain.js';
export { judgeFleet, type FleetReport } from './judge-fleet.js';
export { sparkline } from './sparkline.js';
export { authChecks, type AuthCheck, type DomainDayStats, type DomainStatus } from './stats.js';
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
