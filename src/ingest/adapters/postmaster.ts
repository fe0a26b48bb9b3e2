import { z } from 'zod';
import { day, domain, fraction } from '../fields.js';
import { domainStat, trafficStatsName } from '../postmaster/answer.js';
import type { Adapter } from './adapter.js';

const spamRate = fraction.pipe(z.number({ error: 'a spam rate is required' }));

/**
 * A saved v2 `domainStats:query` answer of one domain (its rows carry no domain): the rows of the
 * metric the query named after SPAM_RATE become that day's reported spam rate.
 */
export function postmasterDomainStats(sendingDomain: string, metric: string): Adapter<'complaints'> {
  return {
    kind: 'complaints',
    format: 'postmaster',
    input: 'json',
    event: { fields: ['metric'], values: [metric] },
    document: {
      list: 'domainStats',
      otherShape: { list: 'trafficStats', hint: 'this is a v1 trafficStats export, whose names carry the domain: leave out --domain' },
    },
    schema: domainStat
      .transform((row): Record<string, unknown> => ({ day: row.date, spam_rate: row.value }))
      .pipe(z.object({ day, spam_rate: spamRate }))
      .transform((row) => ({ ...row, sending_domain: sendingDomain, complaints: null })),
  };
}

/** v1 `trafficStats` exports (retired on 30 September 2025): domain and day from `name`, the rate from `userReportedSpamRatio`. */
export const postmasterTrafficStats: Adapter<'complaints'> = {
  kind: 'complaints',
  format: 'postmaster',
  input: 'json',
  carries: 'userReportedSpamRatio',
  document: {
    list: 'trafficStats',
    rowField: 'name',
    otherShape: { list: 'domainStats', hint: 'this is a v2 domainStats answer, whose rows carry no domain: give --domain D' },
  },
  schema: z
    .object({ name: trafficStatsName, userReportedSpamRatio: spamRate })
    .transform((row): Record<string, unknown> => ({ day: row.name.day, sending_domain: row.name.domain, spam_rate: row.userReportedSpamRatio }))
    .pipe(z.object({ day, sending_domain: domain, spam_rate: z.number() }))
    .transform((row) => ({ ...row, complaints: null })),
};
