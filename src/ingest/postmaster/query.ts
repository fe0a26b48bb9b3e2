import { postmasterMetrics } from './metrics.js';

/** Postmaster Tools v2 limits: domains per batchQuery, rows per page. */
export const postmasterLimits = { domainsPerBatch: 100, pageSize: 200 } as const;

const googleDate = (day: string) => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) });

/** One domain's `domainStats:query` inside a batch: every metric, daily, for the days given; `pageToken` asks for a later page. */
export function domainQuery(domain: string, days: readonly string[], pageToken: string | undefined) {
  return {
    parent: `domains/${domain}`,
    metricDefinitions: postmasterMetrics,
    timeQuery: { dateList: { dates: days.map(googleDate) } },
    aggregationGranularity: 'DAILY',
    pageSize: postmasterLimits.pageSize,
    ...(pageToken ? { pageToken } : {}),
  };
}
