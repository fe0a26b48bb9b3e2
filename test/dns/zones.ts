// Zones for the DNS tests: a healthy domain, and one small change to it per finding code.
import { generateKeyPairSync } from 'node:crypto';
import type { FindingCode } from '../../src/dns/index.js';
import type { Zone, ZoneEntry } from '../support/fake-dns.js';

const keys = new Map<number, string>();

/** A DKIM p= value: an RSA public key of `bits` bits (generated once per size). */
export function dkimKey(bits: number): string {
  let key = keys.get(bits);
  if (!key) {
    key = generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    keys.set(bits, key);
  }
  return key;
}

/** Names the healthy zone holds for `domain`, each of which a case may replace or remove (undefined). */
export type DomainZone = Record<string, ZoneEntry | undefined>;

/** SPF through one include, DMARC p=reject with reports, a 2048-bit Google DKIM key, one MX that resolves. */
export function healthyZone(domain: string, changes: (names: { spf: string; dmarc: string; dkim: string; mx: string }) => DomainZone = () => ({})): Zone {
  const names = { spf: domain, dmarc: `_dmarc.${domain}`, dkim: `google._domainkey.${domain}`, mx: domain };
  const zone: DomainZone = {
    [domain]: { TXT: ['v=spf1 include:_spf.provider.test ~all', 'google-site-verification=abc123'], MX: [{ exchange: `mx.${domain}`, priority: 10 }] },
    [`mx.${domain}`]: { A: ['192.0.2.25'] },
    [`_dmarc.${domain}`]: { TXT: [`v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`] },
    [`google._domainkey.${domain}`]: { TXT: [`v=DKIM1; k=rsa; p=${dkimKey(2048)}`] },
    ...changes(names),
  };
  return Object.fromEntries(Object.entries(zone).filter((entry): entry is [string, ZoneEntry] => entry[1] !== undefined));
}

/** Records every case shares: the SPF provider's include and the blocklist answers. */
export const sharedZone: Zone = {
  '_spf.provider.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all'] },
};

export interface Case {
  code: FindingCode;
  domain: string;
  zone: Zone;
  args?: string[];
  /** What the finding's message must say. */
  says: RegExp;
  exit: number;
}

const spfOf = (domain: string, ...records: string[]) => healthyZone(domain, ({ spf }) => ({ [spf]: { TXT: records, MX: [{ exchange: `mx.${domain}`, priority: 10 }] } }));

/** Twelve lookups: two includes at the top, five `a` terms in each (every branch counts, not only the first). */
function deepSpf(domain: string): Zone {
  const hosts = (branch: string) => Array.from({ length: 5 }, (_, i) => `h${i}.${branch}.${domain}`);
  const branch = (name: string): Zone => ({
    [`${name}.${domain}`]: { TXT: [`v=spf1 ${hosts(name).map((host) => `a:${host}`).join(' ')} -all`] },
    ...Object.fromEntries(hosts(name).map((host) => [host, { A: ['192.0.2.30'] }])),
  });
  return { ...spfOf(domain, `v=spf1 include:one.${domain} include:two.${domain} ~all`), ...branch('one'), ...branch('two') };
}

export const cases: Case[] = [
  { code: 'spf_ok', domain: 'good.test', zone: healthyZone('good.test'), says: /one SPF record, 1 of 10 DNS lookups/, exit: 0 },
  { code: 'dmarc_ok', domain: 'good.test', zone: {}, says: /p=reject, reports to mailto:dmarc@good\.test/, exit: 0 },
  { code: 'dkim_ok', domain: 'good.test', zone: {}, says: /google\._domainkey\.good\.test: RSA 2048 bits/, exit: 0 },
  { code: 'mx_ok', domain: 'good.test', zone: {}, says: /1 MX host, mx\.good\.test first/, exit: 0 },
  { code: 'not_blocklisted', domain: 'good.test', zone: {}, says: /not on Spamhaus DBL, SURBL, URIBL/, exit: 0 },
  { code: 'spf_missing', domain: 'spf-missing.test', zone: spfOf('spf-missing.test', 'google-site-verification=x'), says: /has no SPF record/, exit: 5 },
  { code: 'spf_multiple', domain: 'spf-multiple.test', zone: spfOf('spf-multiple.test', 'v=spf1 include:_spf.provider.test ~all', 'v=spf1 mx -all'), says: /has 2 SPF records/, exit: 5 },
  { code: 'spf_syntax', domain: 'spf-syntax.test', zone: spfOf('spf-syntax.test', 'v=spf1 ip4:999.1.1.1 inclde:_spf.provider.test ~all'), says: /ip4 needs an IPv4 address.*unknown term "inclde:_spf\.provider\.test"/, exit: 5 },
  { code: 'spf_too_many_lookups', domain: 'spf-deep.test', zone: deepSpf('spf-deep.test'), says: /needs 12 DNS lookups/, exit: 5 },
  { code: 'spf_too_many_void_lookups', domain: 'spf-void.test', zone: spfOf('spf-void.test', 'v=spf1 a:gone1.spf-void.test a:gone2.spf-void.test mx:gone3.spf-void.test include:_spf.provider.test ~all'), says: /3 lookups that find nothing.*gone1\.spf-void\.test/, exit: 5 },
  { code: 'spf_plus_all', domain: 'spf-plus.test', zone: spfOf('spf-plus.test', 'v=spf1 include:_spf.provider.test +all'), says: /ends in \+all/, exit: 5 },
  { code: 'spf_neutral_all', domain: 'spf-neutral.test', zone: spfOf('spf-neutral.test', 'v=spf1 include:_spf.provider.test ?all'), says: /ends in \?all/, exit: 5 },
  { code: 'spf_no_all', domain: 'spf-noall.test', zone: spfOf('spf-noall.test', 'v=spf1 include:_spf.provider.test'), says: /no all term/, exit: 0 },
  { code: 'spf_ptr', domain: 'spf-ptr.test', zone: spfOf('spf-ptr.test', 'v=spf1 ptr include:_spf.provider.test ~all'), says: /uses ptr/, exit: 0 },
  { code: 'dmarc_missing', domain: 'dmarc-missing.test', zone: healthyZone('dmarc-missing.test', ({ dmarc }) => ({ [dmarc]: undefined })), says: /no DMARC record at _dmarc\.dmarc-missing\.test/, exit: 5 },
  { code: 'dmarc_multiple', domain: 'dmarc-multiple.test', zone: healthyZone('dmarc-multiple.test', ({ dmarc }) => ({ [dmarc]: { TXT: ['v=DMARC1; p=reject; rua=mailto:a@dmarc-multiple.test', 'v=DMARC1; p=none'] } })), says: /has 2 DMARC records/, exit: 5 },
  { code: 'dmarc_syntax', domain: 'dmarc-syntax.test', zone: healthyZone('dmarc-syntax.test', ({ dmarc }) => ({ [dmarc]: { TXT: ['v=DMARC1; p=maybe; pct=150; rua=mailto:a@dmarc-syntax.test'] } })), says: /p=maybe should be none, quarantine or reject; pct=150/, exit: 5 },
  { code: 'dmarc_policy_none', domain: 'dmarc-none.test', zone: healthyZone('dmarc-none.test', ({ dmarc }) => ({ [dmarc]: { TXT: ['v=DMARC1; p=none; rua=mailto:a@dmarc-none.test'] } })), says: /p=none/, exit: 0 },
  { code: 'dmarc_no_rua', domain: 'dmarc-norua.test', zone: healthyZone('dmarc-norua.test', ({ dmarc }) => ({ [dmarc]: { TXT: ['v=DMARC1; p=quarantine'] } })), says: /no rua=/, exit: 0 },
  { code: 'dkim_missing', domain: 'dkim-missing.test', zone: healthyZone('dkim-missing.test', ({ dkim }) => ({ [dkim]: undefined })), says: /no DKIM key at any of the \d+ selectors tried \(google, selector1, selector2/, exit: 5 },
  { code: 'dkim_revoked', domain: 'dkim-revoked.test', args: ['--selector', 's1'], zone: healthyZone('dkim-revoked.test', () => ({ 's1._domainkey.dkim-revoked.test': { TXT: ['v=DKIM1; k=rsa; p='] } })), says: /s1\._domainkey\.dkim-revoked\.test has an empty p=/, exit: 5 },
  { code: 'dkim_key_too_short', domain: 'dkim-short.test', zone: healthyZone('dkim-short.test', ({ dkim }) => ({ [dkim]: { TXT: [`v=DKIM1; k=rsa; p=${dkimKey(768)}`] } })), says: /is 768 bits/, exit: 5 },
  { code: 'dkim_key_weak', domain: 'dkim-weak.test', zone: healthyZone('dkim-weak.test', ({ dkim }) => ({ [dkim]: { TXT: [`v=DKIM1; k=rsa; p=${dkimKey(1024)}`] } })), says: /is 1024 bits/, exit: 0 },
  { code: 'mx_missing', domain: 'mx-missing.test', zone: healthyZone('mx-missing.test', ({ mx }) => ({ [mx]: { TXT: ['v=spf1 include:_spf.provider.test ~all'] } })), says: /has no MX record/, exit: 5 },
  { code: 'mx_null', domain: 'mx-null.test', zone: healthyZone('mx-null.test', ({ mx }) => ({ [mx]: { TXT: ['v=spf1 include:_spf.provider.test ~all'], MX: [{ exchange: '', priority: 0 }] } })), says: /null MX/, exit: 5 },
  { code: 'blocklisted', domain: 'listed.test', zone: { ...healthyZone('listed.test'), 'listed.test.dbl.spamhaus.org': { A: ['127.0.1.2'] } }, says: /listed on Spamhaus DBL: a spam domain/, exit: 5 },
  { code: 'blocklist_unavailable', domain: 'refused.test', zone: { ...healthyZone('refused.test'), 'refused.test.multi.uribl.com': { A: ['127.255.255.254'] } }, says: /URIBL could not be checked.*public or open resolvers/, exit: 1 },
  {
    code: 'ptr_missing',
    domain: 'ptr.test',
    args: ['--ip', '192.0.2.40', '--ip', '192.0.2.41', '--ip', '192.0.2.42'],
    zone: {
      ...healthyZone('ptr.test'),
      '41.2.0.192.in-addr.arpa': { PTR: ['mail.ptr.test'] },
      'mail.ptr.test': { A: ['192.0.2.99'] },
      '42.2.0.192.in-addr.arpa': { PTR: ['out.ptr.test'] },
      'out.ptr.test': { A: ['192.0.2.42'] },
      '42.2.0.192.bl.spamcop.net': { A: ['127.0.0.2'] },
    },
    says: /192\.0\.2\.40 has no reverse DNS/,
    exit: 5,
  },
  { code: 'ptr_mismatch', domain: 'ptr.test', zone: {}, says: /192\.0\.2\.41 points to mail\.ptr\.test, but it resolves to 192\.0\.2\.99/, exit: 5 },
  { code: 'ip_blocklisted', domain: 'ptr.test', zone: {}, says: /192\.0\.2\.42 is listed on SpamCop: reported as a spam source/, exit: 5 },
  { code: 'dns_error', domain: 'servfail.test', zone: healthyZone('servfail.test', ({ dmarc }) => ({ [dmarc]: { rcode: 'SERVFAIL' } })), says: /DMARC could not be checked: .*SERVFAIL/, exit: 1 },
];
