import { count, percentAgainst, percentLine, whole } from '../format.js';
import type { Rule } from './rule.js';

/** Fix when invalid-address bounces / sent is over `invalid_rate_fix`: the list was not verified well enough. */
export const invalidRate: Rule = {
  name: 'invalid_rate',
  judgesRates: true,
  mayFire: { rate: 'invalid', over: 'invalid_rate_fix' },
  check({ stats, thresholds, rates }) {
    const rate = rates.invalid_rate;
    const line = thresholds.invalid_rate_fix;
    if (rate === null || rate <= line) return null;
    return {
      value: rate,
      threshold: line,
      severity: 'fix',
      message:
        `Invalid-address rate ${percentAgainst(rate, line)} (${whole(stats.invalid)} of ` +
        `${count(stats.sent, 'send')} bounced as invalid addresses) is over the ${percentLine(line)} ` +
        'line: audit how this list was verified',
    };
  },
};
