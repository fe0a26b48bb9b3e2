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

/**
 * Whether the day's sends cover its bounces. Fewer sends than bounces means sends are missing (an
 * inbox's sends were not imported): no rate can be told from such a day (the missing_sends rule).
 */
export const sendsCoverBounces = (day: { sent: number; bounces: number }): boolean => day.bounces <= day.sent;

/** bounces / sent; null without sends, or when the sends do not cover the bounces: never over 1. */
export const bounceRateOf = (day: { sent: number; bounces: number }): number | null =>
  sendsCoverBounces(day) ? share(day.bounces, day.sent) : null;

function complaintRate(stats: DomainDayNumbers): Pick<DayRates, 'complaint_rate' | 'complaint_source'> {
  if (stats.reported_spam_rate !== null) {
    return { complaint_rate: stats.reported_spam_rate, complaint_source: 'reported' };
  }
  const counted = stats.complaints === null ? null : share(stats.complaints, stats.sent);
  return { complaint_rate: counted, complaint_source: counted === null ? null : 'counted' };
}

/**
 * The day's rates as fractions; null when there were no sends (or no complaint data at all). The
 * bounce rates are null too when the sends do not cover the bounces (sendsCoverBounces).
 */
export function dayRates(stats: DomainDayNumbers): DayRates {
  const covered = sendsCoverBounces(stats);
  return {
    bounce_rate: bounceRateOf(stats),
    ...complaintRate(stats),
    invalid_rate: covered ? share(stats.invalid, stats.sent) : null,
  };
}
