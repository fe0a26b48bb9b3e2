import { type Finding, type FindingCode } from './findings.js';

const recordCount = (item: Finding) => item.record?.split('\n').length ?? 2;
/** The first word of the message: the IP a ptr or IP-list finding is about, or the list that could not be checked. */
const subject = (item: Finding) => item.message.split(' ')[0] ?? '';
const listName = (item: Finding) => /listed on ([^:]+)/.exec(item.message)?.[1] ?? 'a blocklist';

/**
 * A finding in a few words, for lines that name several ("2 SPF records; DMARC p=none"): the digest
 * and the domain card. The full message, record and fix are on the `/smtp dns` card.
 */
const briefs: Record<FindingCode, string | ((item: Finding) => string)> = {
  spf_missing: 'no SPF record',
  spf_multiple: (item) => `${recordCount(item)} SPF records`,
  spf_syntax: 'malformed SPF',
  spf_too_many_lookups: 'SPF over 10 lookups',
  spf_too_many_void_lookups: 'SPF over 2 void lookups',
  spf_plus_all: 'SPF +all',
  spf_neutral_all: 'SPF ?all',
  spf_no_all: 'SPF without all',
  spf_ptr: 'SPF uses ptr',
  spf_ok: 'SPF ok',
  dmarc_missing: 'no DMARC record',
  dmarc_multiple: (item) => `${recordCount(item)} DMARC records`,
  dmarc_syntax: 'malformed DMARC',
  dmarc_policy_none: 'DMARC p=none',
  dmarc_no_rua: 'DMARC without rua',
  dmarc_ok: 'DMARC ok',
  dkim_missing: 'no DKIM key',
  dkim_revoked: 'DKIM key revoked',
  dkim_key_too_short: 'DKIM key under 1024 bits',
  dkim_key_weak: 'DKIM key under 2048 bits',
  dkim_ok: 'DKIM ok',
  mx_missing: 'no working MX',
  mx_null: 'null MX',
  mx_ok: 'MX ok',
  blocklisted: (item) => `on ${listName(item)}`,
  ip_blocklisted: (item) => `${subject(item)} on ${listName(item)}`,
  not_blocklisted: 'on no blocklist',
  blocklist_unavailable: (item) => `${subject(item)} could not be checked`,
  ptr_missing: (item) => `${subject(item)} without reverse DNS`,
  ptr_mismatch: (item) => `${subject(item)} reverse DNS mismatch`,
  dns_error: 'some DNS could not be checked',
};

function briefOf(item: Finding): string {
  const brief = briefs[item.code];
  return typeof brief === 'string' ? brief : brief(item);
}

const rank = { fail: 0, warn: 1, info: 2 } as const;

/** How many problems a summary names; the rest are counted. */
const namedProblems = 4;

/** What is wrong, failures first, in a few words each ("2 SPF records; DMARC p=none"); empty when nothing is. */
export function problemSummary(findings: readonly Finding[]): string {
  const problems = findings.filter((item) => item.severity !== 'info').sort((a, b) => rank[a.severity] - rank[b.severity]);
  const briefs = [...new Set(problems.map(briefOf))];
  const more = briefs.length - namedProblems;
  return briefs.slice(0, namedProblems).join('; ') + (more > 0 ? ` and ${more} more` : '');
}
