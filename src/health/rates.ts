import type { DomainDayNumbers } from './stats.js';

/** Where a complaint rate came from: a provider's reported spam rate, or complaints counted against sends. */
export type ComplaintSource = 'reported' | 'counted';

export interface DayRates {
  bounce_rate: number | null;
  complaint_rate: number | null;
  complaint_source: ComplaintSource | null;
  invalid_rate: number | null;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function complaintRate(stats: DomainDayNumbers): Pick<DayRates, 'complaint_rate' | 'complaint_source'> {
  if (stats.reported_spam_rate !== null) {
    return { complaint_rate: stats.reported_spam_rate, complaint_source: 'reported' };
  }
  const counted = stats.complaints === null ? null : share(stats.complaints, stats.sent);
  return { complaint_rate: counted, complaint_source: counted === null ? null : 'counted' };
}

/** The day's rates as fractions; null when there were no sends (or no complaint data at all). */
export function dayRates(stats: DomainDayNumbers): DayRates {
  return {
    bounce_rate: share(stats.bounces, stats.sent),
    ...complaintRate(stats),
    invalid_rate: share(stats.invalid, stats.sent),
  };
}
