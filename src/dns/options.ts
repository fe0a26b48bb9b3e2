import type { AuditOptions } from './audit.js';

/** The settings an audit reads from the environment (config.ts validates them); Config has this shape. */
export interface DnsConfig {
  DNS_SERVERS: readonly string[];
  DNS_TIMEOUT_MS: number;
  DNS_DEADLINE_MS: number;
  DKIM_SELECTORS: readonly string[];
  DNSBL_ZONES: readonly string[];
  SPAMHAUS_DQS_KEY?: string | undefined;
}

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
