export type Severity = 'fail' | 'warn' | 'info';
export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

/**
 * Every finding code: how bad it is, and how the fleet summary says it ("14 of 300 domains <fleet>").
 * `couldNotCheck` codes mean the answer is unknown, which is never a pass.
 */
export const findingCodes = {
  spf_missing: { severity: 'fail', fleet: 'have no SPF record' },
  spf_multiple: { severity: 'fail', fleet: 'have more than one SPF record' },
  spf_syntax: { severity: 'fail', fleet: 'have a malformed SPF record' },
  spf_too_many_lookups: { severity: 'fail', fleet: 'need more than 10 SPF lookups' },
  spf_too_many_void_lookups: { severity: 'fail', fleet: 'have more than 2 void SPF lookups' },
  spf_plus_all: { severity: 'fail', fleet: 'end SPF in +all' },
  spf_neutral_all: { severity: 'fail', fleet: 'end SPF in ?all' },
  spf_no_all: { severity: 'warn', fleet: 'have no all term in SPF' },
  spf_ptr: { severity: 'warn', fleet: 'use ptr in SPF' },
  spf_ok: { severity: 'info', fleet: 'have a sound SPF record' },
  dmarc_missing: { severity: 'fail', fleet: 'have no DMARC record' },
  dmarc_multiple: { severity: 'fail', fleet: 'have more than one DMARC record' },
  dmarc_syntax: { severity: 'fail', fleet: 'have a malformed DMARC record' },
  dmarc_policy_none: { severity: 'warn', fleet: 'have DMARC p=none' },
  dmarc_no_rua: { severity: 'warn', fleet: 'get no DMARC reports (no rua)' },
  dmarc_ok: { severity: 'info', fleet: 'enforce DMARC' },
  dkim_missing: { severity: 'fail', fleet: 'have DKIM not enabled (no key found)' },
  dkim_revoked: { severity: 'fail', fleet: 'have a revoked DKIM key' },
  dkim_key_too_short: { severity: 'fail', fleet: 'have a DKIM key under 1024 bits' },
  dkim_key_weak: { severity: 'warn', fleet: 'have a DKIM key under 2048 bits' },
  dkim_ok: { severity: 'info', fleet: 'have a good DKIM key' },
  mx_missing: { severity: 'fail', fleet: 'have no working MX' },
  mx_null: { severity: 'fail', fleet: 'publish a null MX' },
  mx_ok: { severity: 'info', fleet: 'have working MX' },
  blocklisted: { severity: 'fail', fleet: 'are on a domain blocklist' },
  ip_blocklisted: { severity: 'fail', fleet: 'have a sending IP on a blocklist' },
  not_blocklisted: { severity: 'info', fleet: 'are on no blocklist checked' },
  blocklist_unavailable: { severity: 'warn', fleet: 'could not be checked against every blocklist', couldNotCheck: true },
  ptr_missing: { severity: 'fail', fleet: 'have a sending IP without reverse DNS' },
  ptr_mismatch: { severity: 'fail', fleet: 'have a sending IP whose reverse DNS does not match' },
  dns_error: { severity: 'warn', fleet: 'could not be checked completely (DNS errors)', couldNotCheck: true },
} as const satisfies Record<string, { severity: Severity; couldNotCheck?: true; fleet: string }>;

export type FindingCode = keyof typeof findingCodes;

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** The DNS record as found (or the name queried), when there is one to show. */
  record: string | null;
  /** The concrete change that clears the finding; null for passing checks. */
  fix: string | null;
}

export function finding(code: FindingCode, message: string, record: string | null = null, fix: string | null = null): Finding {
  return { code, severity: findingCodes[code].severity, message, record, fix };
}

export const retryFix = "Run the check again; if the answer stays the same, ask the domain's DNS host why its servers fail (or check DNS_SERVERS).";

/** A query that got no usable answer (timeout, SERVFAIL, REFUSED …): "could not check", never a pass. */
export const dnsError = (message: string, record: string | null): Finding => finding('dns_error', message, record, retryFix);

export const couldNotCheck = (item: Finding): boolean => 'couldNotCheck' in findingCodes[item.code];

/** No check of the audit could be settled (DNS did not answer): nothing to show as the domain's state. */
export const nothingChecked = (findings: readonly Finding[]): boolean => findings.every(couldNotCheck);

/** fail if anything fails; otherwise error if anything could not be checked; then warn; else pass. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((item) => item.severity === 'fail')) return 'fail';
  if (findings.some(couldNotCheck)) return 'error';
  if (findings.some((item) => item.severity === 'warn')) return 'warn';
  return 'pass';
}
