import type { DomainVerdict, Finding, Thresholds, Verdict } from '../health/index.js';
import type { Digest } from './digest.js';

/** `smtp-desk digest --json`: the contract scripts rely on; field names never change. */
export interface DigestJson {
  date: string;
  thresholds: Thresholds;
  totals: { domains_checked: number; sent: number; bounces: number; bounce_rate: number | null };
  /** No active domain sent or bounced that day: nothing was judged, which is not the same as healthy. */
  no_data: boolean;
  summary: Record<Verdict, number>;
  domains: (Omit<DomainVerdict, 'findings'> & { findings: Pick<Finding, 'rule' | 'value' | 'threshold' | 'severity' | 'message'>[] })[];
}

/** The digest as JSON: flagged domains only, or every judged domain with `all`. */
export function digestJson(digest: Digest, all: boolean): DigestJson {
  const { totals, summary, domains } = digest.report;
  return {
    date: digest.day,
    thresholds: digest.thresholds,
    totals: { domains_checked: totals.domains_checked, sent: totals.sent, bounces: totals.bounces, bounce_rate: totals.bounce_rate },
    no_data: digest.noData,
    summary: { pull: summary.pull, fix: summary.fix, watch: summary.watch, healthy: summary.healthy },
    domains: domains
      .filter((domain) => all || domain.verdict !== 'healthy')
      .map((domain) => ({
        domain: domain.domain,
        status: domain.status,
        verdict: domain.verdict,
        sent: domain.sent,
        bounces: domain.bounces,
        bounce_rate: domain.bounce_rate,
        complaint_rate: domain.complaint_rate,
        invalid_rate: domain.invalid_rate,
        pattern: domain.pattern,
        findings: domain.findings.map(({ rule, value, threshold, severity, message }) => ({ rule, value, threshold, severity, message })),
      })),
  };
}
