import { count, percentAgainst, percentLine, whole } from '../format.js';
import type { Rule } from './rule.js';

/** Pull when bounces / sent is over `bounce_rate_pull` (exactly at the line is not over). */
export const bounceRate: Rule = {
  name: 'bounce_rate',
  judgesRates: true,
  mayFire: { rate: 'bounces', over: 'bounce_rate_pull' },
  check({ stats, thresholds, rates }) {
    const rate = rates.bounce_rate;
    const line = thresholds.bounce_rate_pull;
    if (rate === null || rate <= line) return null;
    return {
      value: rate,
      threshold: line,
      severity: 'pull',
      message:
        `Bounce rate ${percentAgainst(rate, line)} (${whole(stats.bounces)} of ` +
        `${count(stats.sent, 'send')}) is over the ${percentLine(line)} pull line`,
    };
  },
};
