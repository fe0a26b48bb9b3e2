import { auditDomain, type AuditOptions, type DnsAudit } from './audit.js';
import { findingCodes, type FindingCode } from './findings.js';

/** Audits in flight at once unless told otherwise (`dns --all --concurrency`). */
export const defaultAuditConcurrency = 20;

/**
 * Audits `domains` with at most `concurrency` in flight, handing each result to `onAudit` as it
 * finishes (so a long run stores what it has); resolves with the audits in the order given. With
 * `until` (epoch ms), no audit outlives it: each one's deadline is cut to the time left, and the
 * domains not started by then are left out of the result.
 */
export async function auditFleet(
  domains: readonly string[],
  options: AuditOptions,
  concurrency: number,
  onAudit: (audit: DnsAudit) => Promise<void> | void = () => {},
  until = Infinity,
): Promise<DnsAudit[]> {
  const audits = new Array<DnsAudit | undefined>(domains.length);
  let next = 0;
  const worker = async () => {
    while (next < domains.length) {
      const left = until - Date.now();
      if (left <= 0) return;
      const index = next++;
      const audit = await auditDomain(domains[index]!, { ...options, dns: { ...options.dns, deadlineMs: Math.min(options.dns.deadlineMs, left) } });
      audits[index] = audit;
      await onAudit(audit);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, domains.length) }, worker));
  return audits.filter((audit): audit is DnsAudit => audit !== undefined);
}

export interface FleetSummary {
  domains: number;
  verdicts: Record<DnsAudit['verdict'], number>;
  /** Non-passing codes, most domains first: how many domains have each. */
  problems: { code: FindingCode; domains: number }[];
  failing: string[];
}

export function summariseFleet(audits: readonly DnsAudit[]): FleetSummary {
  const verdicts = { pass: 0, warn: 0, fail: 0, error: 0 };
  const counts = new Map<FindingCode, number>();
  for (const audit of audits) {
    verdicts[audit.verdict]++;
    for (const code of new Set(audit.findings.filter((item) => item.severity !== 'info').map((item) => item.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const order = Object.keys(findingCodes);
  const problems = [...counts].map(([code, domains]) => ({ code, domains })).sort((a, b) => b.domains - a.domains || order.indexOf(a.code) - order.indexOf(b.code));
  return { domains: audits.length, verdicts, problems, failing: audits.filter((audit) => audit.verdict === 'fail').map((audit) => audit.domain) };
}

const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((part / whole) * 100)} %`;
const shownFailing = 20;

/** The summary in the operator guide's terms: "14 of 300 domains have more than one SPF record". */
export function renderFleetSummary(summary: FleetSummary): string {
  const { domains, verdicts } = summary;
  const lines = [
    `DNS audit of ${domains} active domain${domains === 1 ? '' : 's'}: ${verdicts.fail} fail, ${verdicts.warn} warn, ${verdicts.pass} pass, ${verdicts.error} could not be checked (${percent(verdicts.fail, domains)} have at least one failure)`,
  ];
  for (const { code, domains: count } of summary.problems) lines.push(`  ${count} of ${domains} domains ${findingCodes[code].fleet}`);
  if (summary.failing.length > 0) {
    const more = summary.failing.length > shownFailing ? ` and ${summary.failing.length - shownFailing} more` : '';
    lines.push(`Failing: ${summary.failing.slice(0, shownFailing).join(', ')}${more}`);
  }
  return lines.join('\n');
}
