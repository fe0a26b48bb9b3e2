import { z } from 'zod';

/**
 * The shapes Google Postmaster Tools answers in: v2 `domainStats` rows ({metric, date, value}; the
 * domain is the query's, not the row's) and v1 `trafficStats` ({name: domains/D/trafficStats/YYYYMMDD,
 * userReportedSpamRatio}). One place for both, read by the file import and by the pull.
 */

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** google.type.Date: {year, month, day}, as `YYYY-MM-DD`. */
const googleDate = z
  .object({ year: z.number().int().min(1970).max(9999), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .transform(({ year, month, day }) => `${year}-${twoDigits(month)}-${twoDigits(day)}`);

/** proto3 JSON writes int64 as a string of digits; doubles as numbers. */
const int64 = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'intValue must be a whole number').transform(Number)]);

/** StatisticValue: the number in `doubleValue` or `intValue`. */
const statisticValue = z
  .object({ doubleValue: z.number().optional(), intValue: int64.optional() })
  .transform((value, context) => {
    const number = value.doubleValue ?? value.intValue;
    if (number === undefined) {
      context.addIssue({ code: 'custom', message: 'has neither doubleValue nor intValue' });
      return z.NEVER;
    }
    return number;
  });

/** One v2 DomainStat row. */
export const domainStat = z.object({ metric: z.string(), date: googleDate, value: statisticValue });

/** One page of a `domainStats:query` answer; proto3 JSON leaves an empty list out. */
export const domainStatsPage = z.object({ domainStats: z.array(z.unknown()).default([]), nextPageToken: z.string().optional() });

const trafficStatsPattern = /^domains\/([^/]+)\/trafficStats\/(\d{4})(\d{2})(\d{2})$/;

/** A v1 TrafficStats name, `domains/example.com/trafficStats/20250930`, as its domain and day. */
export const trafficStatsName = z.string().transform((name, context) => {
  const match = trafficStatsPattern.exec(name);
  if (!match) {
    context.addIssue({ code: 'custom', message: `must look like domains/example.com/trafficStats/20250930, not ${JSON.stringify(name.slice(0, 80))}` });
    return z.NEVER;
  }
  return { domain: match[1]!, day: `${match[2]}-${match[3]}-${match[4]}` };
});
