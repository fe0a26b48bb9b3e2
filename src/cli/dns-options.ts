import type { Config } from '../config.js';
import type { AuditOptions } from '../dns/audit.js';

export type DnsConfig = Pick<Config, 'DNS_SERVERS' | 'DNS_TIMEOUT_MS' | 'DNS_DEADLINE_MS' | 'DKIM_SELECTORS' | 'DNSBL_ZONES' | 'SPAMHAUS_DQS_KEY'>;

/** Audit options from the configuration; named selectors replace DKIM_SELECTORS and must each hold a key. */
export function auditOptionsFrom(config: DnsConfig, named: { selectors?: readonly string[]; ips?: readonly string[] } = {}): AuditOptions {
  const selectors = named.selectors ?? [];
  return {
    dns: { servers: config.DNS_SERVERS, timeoutMs: config.DNS_TIMEOUT_MS, deadlineMs: config.DNS_DEADLINE_MS },
    blocklists: { domainZones: config.DNSBL_ZONES, spamhausDqsKey: config.SPAMHAUS_DQS_KEY },
    selectors: selectors.length > 0 ? selectors : config.DKIM_SELECTORS,
    selectorsRequired: selectors.length > 0,
    ips: named.ips ?? [],
  };
}
