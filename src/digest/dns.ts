import type pg from 'pg';
import { nothingChecked, type AuditOptions, type DnsAudit } from '../dns/index.js';
import { auditFleet, defaultAuditConcurrency } from '../dns/fleet.js';
import { auditOptionsFrom, type DnsConfig } from '../dns/options.js';
import type { DomainVerdict, RuleName } from '../health/index.js';
import { failingActiveAudits, insertDnsAudits, latestDnsAudits } from '../store/dns-audits.js';

/** The rules whose findings DNS may explain: authentication failures and blocklist or reputation rejections. */
export const dnsExplainedRules: ReadonlySet<RuleName> = new Set(['auth_failure', 'reputation_block']);

/** An audit younger than this explains the digest as it is; an older one is run again. */
export const digestAuditMaxAgeMs = 24 * 60 * 60 * 1000;

/** How many failing domains the digest names; the rest are counted. */
export const failingAuditsShown = 10;

/** What DNS says about the digest's domains. */
export interface DigestDns {
  /** Each flagged domain with an authentication or blocklist finding: its audit, or null when none came in time. */
  explained: ReadonlyMap<string, DnsAudit | null>;
  /** How long the digest waited for DNS. */
  deadlineMs: number;
  /** Active domains whose last audit failed (after this digest's audits), by name. */
  failing: { audits: DnsAudit[]; total: number };
}

export interface DigestDnsOptions {
  audit: AuditOptions;
  /** The most the digest waits for DNS: audits still open then are left out and said to be missing. */
  deadlineMs: number;
  /** Audits run at once. */
  concurrency: number;
  now: () => Date;
}

/** The digest waits for DNS as long as one domain's audit may take (DNS_DEADLINE_MS), its audits running side by side. */
export function digestDnsOptions(config: DnsConfig, now: () => Date): DigestDnsOptions {
  return { audit: auditOptionsFrom(config), deadlineMs: config.DNS_DEADLINE_MS, concurrency: defaultAuditConcurrency, now };
}

/** The flagged domains whose findings DNS may explain, in the digest's order. */
export function domainsToExplain(flagged: readonly { verdict: Pick<DomainVerdict, 'domain' | 'findings'> }[]): string[] {
  return flagged.filter(({ verdict }) => verdict.findings.some((item) => dnsExplainedRules.has(item.rule))).map(({ verdict }) => verdict.domain);
}

/**
 * The DNS lines of a digest: each domain to explain gets its last audit when it is less than a day
 * old, otherwise one run now, all of them within one deadline, so DNS never makes the digest late.
 * New audits DNS answered are stored (the domain card and the failing list read them).
 */
export async function gatherDigestDns(db: pg.Pool, flagged: readonly { verdict: DomainVerdict }[], options: DigestDnsOptions): Promise<DigestDns> {
  const domains = domainsToExplain(flagged);
  const stored = new Map((await latestDnsAudits(db, domains)).map((audit) => [audit.domain, audit]));
  const startedAt = options.now().getTime();
  const fresh = (audit: DnsAudit | undefined) => audit !== undefined && startedAt - Date.parse(audit.checked_at) < digestAuditMaxAgeMs;
  const stale = domains.filter((domain) => !fresh(stored.get(domain)));
  const answered = (await auditFleet(stale, { ...options.audit, now: options.now }, options.concurrency, () => {}, Date.now() + options.deadlineMs)).filter(
    (audit) => !nothingChecked(audit.findings),
  );
  await insertDnsAudits(db, answered);
  const run = new Map(answered.map((audit) => [audit.domain, audit]));
  const explained = new Map(domains.map((domain) => [domain, run.get(domain) ?? (fresh(stored.get(domain)) ? stored.get(domain)! : null)]));
  return { explained, deadlineMs: options.deadlineMs, failing: await failingActiveAudits(db, failingAuditsShown) };
}
