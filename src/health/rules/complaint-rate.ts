import { count, percentAgainst, percentLine } from '../format.js';
import type { DayRates } from '../rates.js';
import type { DomainDayNumbers } from '../stats.js';
import type { Rule } from './rule.js';

const sources: Record<NonNullable<DayRates['complaint_source']>, (stats: DomainDayNumbers) => string> = {
  reported: () => 'as reported by the mailbox provider',
  counted: (stats) => `${count(stats.complaints ?? 0, 'complaint')} in ${count(stats.sent, 'send')}`,
};

/** Pull when the spam complaint rate is over `complaint_rate_pull`; a provider-reported rate wins over a count. */
export const complaintRate: Rule = {
  name: 'complaint_rate',
  judgesRates: true,
  mayFire: { rate: 'complaints', over: 'complaint_rate_pull' },
  check({ stats, thresholds, rates }) {
    const rate = rates.complaint_rate;
    const line = thresholds.complaint_rate_pull;
    if (rate === null || rates.complaint_source === null || rate <= line) return null;
    return {
      value: rate,
      threshold: line,
      severity: 'pull',
      message:
        `Spam complaint rate ${percentAgainst(rate, line)} (${sources[rates.complaint_source](stats)}) ` +
        `is over the ${percentLine(line)} pull line`,
    };
  },
};
