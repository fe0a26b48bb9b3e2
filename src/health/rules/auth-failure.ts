import { capitalize, count } from '../format.js';
import { authChecks, type AuthCheck } from '../stats.js';
import type { Rule } from './rule.js';

const labels: Record<AuthCheck, string> = {
  spf: 'SPF',
  dkim: 'DKIM',
  dmarc: 'DMARC',
  ptr: 'reverse DNS (PTR)',
  multiple: 'several checks at once',
};

/**
 * Fix DNS when authentication failures add up to `auth_failures_min` (default 1: a failed check is a
 * configuration fault, not noise). The message names every check that failed, with its count.
 */
export const authFailure: Rule = {
  name: 'auth_failure',
  judgesRates: false,
  mayFire: { count: 'auth_failures', atLeast: 'auth_failures_min' },
  check({ stats, thresholds }) {
    const failed = authChecks.filter((check) => stats.auth_failures[check] > 0);
    const total = failed.reduce((sum, check) => sum + stats.auth_failures[check], 0);
    if (total < thresholds.auth_failures_min) return null;
    const named = failed
      .map((check, index) => `${labels[check]}${index === 0 ? ' failed' : ''} ${count(stats.auth_failures[check], 'time')}`)
      .join(', ');
    return {
      value: total,
      threshold: thresholds.auth_failures_min,
      severity: 'fix',
      message: `${capitalize(named)}: fix DNS`,
    };
  },
};
