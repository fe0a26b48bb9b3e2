import { count } from '../format.js';
import type { Rule } from './rule.js';

/**
 * Fix (slow down) when throttling has lasted `throttled_hours_fix` hours or more; `throttled_hours` is
 * defined in docs/health-rules.md (persistent_421).
 */
export const persistent421: Rule = {
  name: 'persistent_421',
  judgesRates: false,
  mayFire: { count: 'throttled_hours', atLeast: 'throttled_hours_fix' },
  check({ stats, thresholds }) {
    const line = thresholds.throttled_hours_fix;
    if (stats.throttled_hours < line) return null;
    return {
      value: stats.throttled_hours,
      threshold: line,
      severity: 'fix',
      message:
        `Throttling deferrals (421 and other 4xx rate limits) have lasted ${count(stats.throttled_hours, 'hour')} ` +
        `without a clean hour (line: ${count(line, 'hour')}; ${count(stats.deferrals, 'deferral')} on the day): ` +
        'slow down sends per inbox and check whether the IP or domain is being throttled',
    };
  },
};
