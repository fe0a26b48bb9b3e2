import { count } from '../format.js';
import { sendsCoverBounces } from '../rates.js';
import type { Rule } from './rule.js';

/**
 * Fix when a domain bounced more than it sent: its sends (some inboxes', or all) are missing, so its
 * rates cannot be told and a burning domain would read as healthy. Severity fix, not pull: the one
 * thing to do today is load the sends; then the rates are judged. Judged at any volume.
 */
export const missingSends: Rule = {
  name: 'missing_sends',
  judgesRates: false,
  mayFire: { count: 'bounces', exceeds: 'sent' },
  check({ stats }) {
    if (sendsCoverBounces(stats)) return null;
    const sends = stats.sent === 0 ? 'no sends' : `only ${count(stats.sent, 'send')}`;
    return {
      value: stats.bounces,
      threshold: stats.sent,
      severity: 'fix',
      message:
        `${count(stats.bounces, 'bounce')} but ${sends} recorded: import the day’s sends of every inbox of this ` +
        'domain; until then its rates are not judged and it is left out of the fleet’s bounce rate',
    };
  },
};
