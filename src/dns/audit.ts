import { checkDomainBlocklists, ipBlocklistFindings, queryIpBlocklists, type BlocklistSettings } from './blocklists.js';
import { checkDkim } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { finding, nothingChecked, verdictOf, type Finding, type Verdict } from './findings.js';
import { checkMx } from './mx.js';
import { checkPtr } from './ptr.js';
import { auditResolver, type AuditResolver, type DnsSettings, type Resolver } from './resolver.js';
import { checkSpf } from './spf.js';

/** One domain's audit, as `smtp-desk dns --json` prints it and the store keeps it. */
export interface DnsAudit {
  domain: string;
  checked_at: string;
  verdict: Verdict;
  findings: Finding[];
}

export interface AuditOptions {
  dns: DnsSettings;
  blocklists: BlocklistSettings;
  /** DKIM selectors to check; with `selectorsRequired` each must hold a key, otherwise one of them must. */
  selectors: readonly string[];
  selectorsRequired: boolean;
  /** Dedicated sending IPs: reverse DNS and the IP blocklists. */
  ips: readonly string[];
  now?: () => Date;
  /** The resolver for one audit (default: DNS_SERVERS with the timeout and deadline of `dns`). */
  openResolver?: (settings: DnsSettings) => AuditResolver;
}

async function checkIp(resolve: Resolver, ip: string, blocklists: BlocklistSettings): Promise<Finding[]> {
  const [ptr, lists] = await Promise.all([checkPtr(resolve, ip), queryIpBlocklists(resolve, ip, blocklists)]);
  const note = ptr.confirmedName ? ` (reverse DNS ${ptr.confirmedName}, forward-confirmed)` : '';
  return [...ptr.findings, ...ipBlocklistFindings(lists, ip, note)];
}

/** "1.5 s": a timeout or deadline as the messages say it. */
export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;
const serversLabel = (settings: DnsSettings) => (settings.servers.length > 0 ? settings.servers.join(', ') : "the system's resolvers");

/** Runs every check of `domain` at once over one resolver; whatever DNS does, the result is a status object. */
export async function auditDomain(domain: string, options: AuditOptions): Promise<DnsAudit> {
  const now = options.now ?? (() => new Date());
  const checkedAt = now().toISOString();
  const resolver = (options.openResolver ?? auditResolver)(options.dns);
  try {
    const { resolve } = resolver;
    const groups = await Promise.all([
      checkSpf(resolve, domain),
      checkDmarc(resolve, domain),
      checkDkim(resolve, domain, options.selectors, options.selectorsRequired),
      checkMx(resolve, domain),
      checkDomainBlocklists(resolve, domain, options.blocklists),
      ...options.ips.map((ip) => checkIp(resolve, ip, options.blocklists)),
    ]);
    let findings = groups.flat();
    if (!resolver.answered() && nothingChecked(findings)) {
      const { timeoutMs, deadlineMs } = options.dns;
      findings = [finding('dns_error', `no DNS server answered any query for ${domain} (${serversLabel(options.dns)}; ${seconds(timeoutMs)} a query, ${seconds(deadlineMs)} a domain): nothing could be checked`, null, 'Check DNS_SERVERS and that the server is reachable from here.')];
    }
    return { domain, checked_at: checkedAt, verdict: verdictOf(findings), findings };
  } finally {
    resolver.close();
  }
}
