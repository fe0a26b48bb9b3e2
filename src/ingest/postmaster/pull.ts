import type pg from 'pg';
import { z } from 'zod';
import { upsertComplaints } from '../../store/complaints.js';
import { upsertPostmasterDays, type PostmasterDay } from '../../store/postmaster-days.js';
import type { Queryable } from '../../store/store.js';
import { domainStat, domainStatsPage } from './answer.js';
import { PostmasterError, type BatchQuery } from './client.js';
import { postmasterMetrics, type PostmasterMetric } from './metrics.js';
import { domainQuery, postmasterLimits } from './query.js';

/** A domain's day as Postmaster Tools reported it; `reported` false: no rows (under Google's volume floor). */
export interface PulledDay extends PostmasterDay {
  spam_rate: number | null;
}

/** A domain Postmaster Tools refused (not verified by the account, unknown to it), with the line that says so. */
export interface RefusedDomain {
  domain: string;
  line: string;
}

export interface PullOutcome {
  days: PulledDay[];
  refused: RefusedDomain[];
}

const googleStatus = z.object({ code: z.number().optional(), status: z.string().optional(), message: z.string().optional() });
const batchAnswer = z.object({
  results: z
    .array(z.object({ response: domainStatsPage.optional(), error: googleStatus.optional() }))
    .default([]),
});

const metricNames = new Set<string>(postmasterMetrics.map((metric) => metric.name));
const rate = z.number().min(0).max(1);

function unexpected(detail: string): PostmasterError {
  return new PostmasterError(`Postmaster Tools answered something smtp-desk does not read (${detail}); nothing was stored`);
}

function refusedLine(domain: string, error: z.infer<typeof googleStatus>): string {
  const said = [error.code, error.status].filter((part) => part !== undefined).join(' ');
  return `${domain}: Postmaster Tools refused it (${said}${error.message ? `: ${error.message.slice(0, 200)}` : ''}): the Google account of GOOGLE_REFRESH_TOKEN must have verified the domain in Postmaster Tools`;
}

type Values = Partial<Record<PostmasterMetric, number>>;
type Result = z.infer<typeof batchAnswer>['results'][number];

/** A domain's query still to send: its first page, or the page `pageToken` names. */
interface Pending {
  domain: string;
  pageToken?: string;
}

/** Takes one domain's result into `found` (day → metric → value); returns its next page, if any. */
function takeResult(domain: string, result: Result, wanted: ReadonlySet<string>, found: Map<string, Values>): Pending | undefined {
  if (!result.response) throw unexpected(`the result for ${domain} has neither a response nor an error`);
  for (const item of result.response.domainStats) {
    const row = domainStat.safeParse(item);
    if (!row.success) throw unexpected(`a row for ${domain}: ${row.error.issues[0]?.message ?? 'not a DomainStat'}`);
    const { metric, date, value } = row.data;
    if (!metricNames.has(metric) || !wanted.has(date)) continue;
    if (!rate.safeParse(value).success) throw unexpected(`${metric} of ${domain} on ${date} is ${value}, not a rate between 0 and 1`);
    found.set(date, { ...found.get(date), [metric]: value });
  }
  const { nextPageToken } = result.response;
  return nextPageToken ? { domain, pageToken: nextPageToken } : undefined;
}

function pulledDay(domain: string, day: string, found: Values | undefined): PulledDay {
  return {
    day,
    sending_domain: domain,
    reported: found !== undefined,
    spam_rate: found?.spam_rate ?? null,
    spf_success_rate: found?.spf_success_rate ?? null,
    dkim_success_rate: found?.dkim_success_rate ?? null,
    dmarc_success_rate: found?.dmarc_success_rate ?? null,
  };
}

/**
 * Asks Postmaster Tools for every metric of `domains` on `days` through `domainStats:batchQuery`, at
 * most 100 domains a call, following each domain's nextPageToken with a further batch of the domains
 * that have more. Throws a PostmasterError when a call fails or the answer is not what v2 documents.
 */
export async function fetchPostmaster(
  batchQuery: BatchQuery,
  domains: readonly string[],
  days: readonly string[],
  signal?: AbortSignal,
): Promise<PullOutcome> {
  const wanted = new Set(days);
  const found = new Map<string, Map<string, Values>>(domains.map((domain) => [domain, new Map()]));
  const refused: RefusedDomain[] = [];
  for (let start = 0; start < domains.length; start += postmasterLimits.domainsPerBatch) {
    let pending: Pending[] = domains.slice(start, start + postmasterLimits.domainsPerBatch).map((domain) => ({ domain }));
    while (pending.length > 0) {
      const answer = batchAnswer.safeParse(await batchQuery({ requests: pending.map((p) => domainQuery(p.domain, days, p.pageToken)) }, signal));
      if (!answer.success) throw unexpected(answer.error.issues[0]?.message ?? 'not a batchQuery answer');
      const { results } = answer.data;
      if (results.length !== pending.length) throw unexpected(`${results.length} results for ${pending.length} domains`);
      const next: Pending[] = [];
      results.forEach((result, i) => {
        const { domain } = pending[i]!;
        if (result.error) refused.push({ domain, line: refusedLine(domain, result.error) });
        else {
          const page = takeResult(domain, result, wanted, found.get(domain)!);
          if (page) next.push(page);
        }
      });
      pending = next;
    }
  }
  const refusedDomains = new Set(refused.map((r) => r.domain));
  const pulled = domains
    .filter((domain) => !refusedDomains.has(domain))
    .flatMap((domain) => days.map((day) => pulledDay(domain, day, found.get(domain)!.get(day))));
  return { days: pulled, refused };
}

/** Stores a pull in one transaction: the spam rates as the days' reported complaint rates, the rest per domain and day. */
export async function storePostmaster(pool: pg.Pool, days: readonly PulledDay[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await storeIn(client, days);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function storeIn(db: Queryable, days: readonly PulledDay[]): Promise<void> {
  const complaints = days
    .filter((day) => day.spam_rate !== null)
    .map((day) => ({ day: day.day, sending_domain: day.sending_domain, complaints: null, spam_rate: day.spam_rate }));
  await upsertComplaints(db, complaints);
  await upsertPostmasterDays(db, days);
}
