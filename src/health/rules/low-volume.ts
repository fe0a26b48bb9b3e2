import { count } from '../format.js';
import type { DomainDayNumbers } from '../stats.js';
import type { Thresholds } from '../thresholds.js';
import type { Rule } from './rule.js';

/** Below `min_sends` sends a single bounce swings a rate too far for it to mean anything. */
export function isLowVolume(stats: DomainDayNumbers, thresholds: Thresholds): boolean {
  return stats.sent < thresholds.min_sends;
}

/** Says, for the record, that the rates were not judged because there were too few sends. */
export const lowVolume: Rule = {
  name: 'low_volume',
  judgesRates: false,
  mayFire: null,
  check({ stats, thresholds }) {
    if (!isLowVolume(stats, thresholds)) return null;
    const sends = stats.sent === 0 ? 'No sends' : `Only ${count(stats.sent, 'send')}`;
    return {
      value: stats.sent,
      threshold: thresholds.min_sends,
      severity: 'info',
      message:
        `${sends}, under the ${count(thresholds.min_sends, 'send')} needed to judge rates: ` +
        'bounce, complaint and invalid-address rates were not judged',
    };
  },
};
