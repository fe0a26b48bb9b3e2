// The checks in-process over the real resolver (DNS_SERVERS → the local DNS server): what the CLI
// tests do not pin down one by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDomain, type AuditOptions, type DnsAudit } from '../../src/dns/index.js';
import { renderFleetSummary, summariseFleet } from '../../src/dns/fleet.js';
import { dkimKey, healthyZone, sharedZone } from './zones.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';

const spf = (domain: string, ...records: string[]) => healthyZone(domain, ({ spf: name }) => ({ [name]: { TXT: records, MX: [{ exchange: `mx.${domain}`, priority: 10 }] } }));

const zone = {
  ...sharedZone,
  // The same include under two branches costs its lookups twice, as receivers count them.
  ...spf('twice.test', 'v=spf1 include:a.twice.test include:b.twice.test -all'),
  'a.twice.test': { TXT: ['v=spf1 include:common.twice.test -all'] },
  'b.twice.test': { TXT: ['v=spf1 include:common.twice.test -all'] },
  'common.twice.test': { TXT: ['v=spf1 a:x.twice.test mx:x.twice.test exists:x.twice.test a:y.twice.test -all'] },
  'x.twice.test': { A: ['192.0.2.1'], MX: [{ exchange: 'x.twice.test', priority: 1 }] },
  'y.twice.test': { AAAA: ['2001:db8::1'] },
  ...spf('redirect.test', 'v=spf1 redirect=_spf.redirect.test'),
  '_spf.redirect.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 ?all'] },
  ...spf('loop.test', 'v=spf1 include:l1.loop.test ~all'),
  'l1.loop.test': { TXT: ['v=spf1 include:loop.test -all'] },
  ...spf('macro.test', 'v=spf1 exists:%{i}._spf.macro.test include:%{d}.example ~all'),
  ...spf('nested-void.test', 'v=spf1 include:inner.nested-void.test ~all'),
  'inner.nested-void.test': { TXT: ['v=spf1 a:n1.nested-void.test a:n2.nested-void.test a:n3.nested-void.test -all'] },
  ...healthyZone('org.test'),
  'mail.org.test': { TXT: ['v=spf1 include:_spf.provider.test ~all'], MX: [{ exchange: 'mx.org.test', priority: 5 }] },
  'google._domainkey.mail.org.test': healthyZone('org.test')['google._domainkey.org.test']!,
  ...healthyZone('lists.test'),
  'lists.test.multi.surbl.org': { A: ['127.0.0.24'] },
  'lists.test.multi.uribl.com': { A: ['127.0.0.1'] },
  'lists.test.dbl.spamhaus.org': { A: ['192.0.2.80'] },
  '10.2.0.192.zen.spamhaus.org': { A: ['127.0.0.10'] },
  '10.2.0.192.in-addr.arpa': { PTR: ['mx.lists.test'] },
  ...healthyZone('good.test'),
  ...healthyZone('later.test', ({ dkim }) => ({ [dkim]: undefined, 'mail._domainkey.later.test': { TXT: [`v=DKIM1; k=rsa; p=${dkimKey(2048)}`] } })),
  ...healthyZone('keyed.test'),
  'keyed.test.abcdefghijklmnopqrstuvwxyz.dbl.dq.spamhaus.net': { A: ['127.0.1.4'] },
};

describe('DNS checks', () => {
  let dns: FakeDns;
  let options: AuditOptions;
  const audit = (domain: string, extra: Partial<AuditOptions> = {}) => auditDomain(domain, { ...options, ...extra });
  const codes = (result: DnsAudit) => result.findings.map((item) => item.code);
  const message = (result: DnsAudit, code: string) => result.findings.find((item) => item.code === code)?.message;

  beforeAll(async () => {
    dns = await startFakeDns(zone);
    options = {
      dns: { servers: [dns.server], timeoutMs: 2000, deadlineMs: 20_000 },
      blocklists: { domainZones: ['dbl.spamhaus.org', 'multi.surbl.org', 'multi.uribl.com'], spamhausDqsKey: undefined },
      selectors: ['google', 'selector1'],
      selectorsRequired: false,
      ips: [],
    };
  });
  afterAll(async () => dns?.close());

  it('counts SPF lookups over every branch, a shared include once per branch', async () => {
    const result = await audit('twice.test');
    // 2 top includes + 2 × (1 include + 4 terms) = 12
    expect(message(result, 'spf_too_many_lookups')).toMatch(/needs 12 DNS lookups/);
    expect(codes(result)).not.toContain('spf_too_many_void_lookups');
  });

  it('follows redirect= for the lookups and for the all that ends evaluation', async () => {
    const result = await audit('redirect.test');
    expect(message(result, 'spf_neutral_all')).toMatch(/ends in \?all/);
    expect(codes(result)).not.toContain('spf_no_all');
  });

  it('reports an include loop as malformed instead of walking forever', async () => {
    expect(message(await audit('loop.test'), 'spf_syntax')).toMatch(/include:loop\.test \(in l1\.loop\.test\) loops back to loop\.test/);
  });

  it('counts terms with macros without expanding them', async () => {
    const result = await audit('macro.test');
    expect(message(result, 'spf_ok')).toMatch(/2 of 10 DNS lookups, 0 of 2 void/);
  });

  it('counts void lookups inside includes', async () => {
    expect(message(await audit('nested-void.test'), 'spf_too_many_void_lookups')).toMatch(/3 lookups that find nothing \(the limit is 2\): n1\.nested-void\.test; n2/);
  });

  it("falls back to the organisational domain's DMARC record through our resolver", async () => {
    const result = await audit('mail.org.test');
    expect(message(result, 'dmarc_ok')).toBe('DMARC p=reject, reports to mailto:dmarc@org.test (inherited from _dmarc.org.test)');
  });

  it('decodes each list answer, and reads refusals and non-list answers as could not check', async () => {
    const result = await audit('lists.test', { ips: ['192.0.2.10'] });
    expect(message(result, 'blocklisted')).toBe('lists.test is listed on SURBL: phishing, malware');
    const unavailable = result.findings.filter((item) => item.code === 'blocklist_unavailable').map((item) => item.message);
    expect(unavailable).toEqual([
      'Spamhaus DBL could not be checked for lists.test: it answered 192.0.2.80, which is not a list answer (a resolver that rewrites NXDOMAIN?) (answer 192.0.2.80)',
      'URIBL could not be checked for lists.test: it refuses queries from this resolver (blocked or over its free limit) (answer 127.0.0.1)',
    ]);
    expect(message(result, 'ip_blocklisted')).toBe('192.0.2.10 is listed on Spamhaus ZEN: PBL: an end-user address its ISP says should not send mail directly');
    expect(codes(result)).not.toContain('ptr_missing');
  });

  it('asks the later selectors only when the first three hold no key', async () => {
    const selectors = ['google', 'selector1', 'selector2', 'mail'];
    expect(message(await audit('later.test', { selectors }), 'dkim_ok')).toBe('DKIM key at mail._domainkey.later.test: RSA 2048 bits');
    const before = dns.queries();
    await audit('good.test', { selectors, blocklists: { ...options.blocklists, domainZones: [] } });
    const asked = dns.queries() - before;
    // SPF (2 TXT), DMARC (1 TXT), DKIM (3 selectors), MX (MX, A, AAAA): never mail._domainkey
    expect(asked).toBe(9);
  });

  it("queries Spamhaus' keyed zones with SPAMHAUS_DQS_KEY and never shows the key", async () => {
    const result = await audit('keyed.test', { blocklists: { ...options.blocklists, spamhausDqsKey: 'abcdefghijklmnopqrstuvwxyz' } });
    const listed = result.findings.find((item) => item.code === 'blocklisted');
    expect(listed).toMatchObject({ message: 'keyed.test is listed on Spamhaus DBL: a phishing domain', record: 'keyed.test.<SPAMHAUS_DQS_KEY>.dbl.dq.spamhaus.net A 127.0.1.4' });
    expect(JSON.stringify(result)).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });

  it('summarises a fleet in the guide\'s terms', async () => {
    const audits = await Promise.all(['twice.test', 'redirect.test', 'org.test'].map((domain) => audit(domain)));
    expect(renderFleetSummary(summariseFleet(audits))).toBe(
      [
        'DNS audit of 3 active domains: 2 fail, 0 warn, 1 pass, 0 could not be checked (67 % have at least one failure)',
        '  1 of 3 domains need more than 10 SPF lookups',
        '  1 of 3 domains end SPF in ?all',
        'Failing: twice.test, redirect.test',
      ].join('\n'),
    );
  });
});

describe('DNS checks against a slow server', () => {
  let slow: FakeDns;
  beforeAll(async () => {
    slow = await startFakeDns(
      {
        ...healthyZone('chain.test', ({ spf: name }) => ({ [name]: { TXT: ['v=spf1 include:c1.chain.test ~all'], MX: [{ exchange: 'mx.chain.test', priority: 10 }] } })),
        ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`c${i + 1}.chain.test`, { TXT: [`v=spf1 include:c${i + 2}.chain.test -all`] }])),
      },
      { latencyMs: 250 },
    );
  });
  afterAll(async () => slow?.close());

  it('gives up on what is still open at the deadline and says so, keeping what it checked', async () => {
    const started = Date.now();
    const result = await auditDomain('chain.test', {
      dns: { servers: [slow.server], timeoutMs: 2000, deadlineMs: 900 },
      blocklists: { domainZones: ['dbl.spamhaus.org'], spamhausDqsKey: undefined },
      selectors: ['google'],
      selectorsRequired: false,
      ips: [],
    });
    expect(Date.now() - started).toBeLessThan(900 + 1500);
    expect(result.verdict).toBe('error');
    expect(result.findings.find((item) => item.code === 'dns_error')?.message).toMatch(/SPF could not be checked completely: include:c\d\.chain\.test \(in c\d\.chain\.test\): the deadline for this domain passed/);
    expect(result.findings.map((item) => item.code)).toEqual(expect.arrayContaining(['dmarc_ok', 'dkim_ok', 'not_blocklisted']));
  });
});

describe('DNS checks against a server that never answers', () => {
  let silent: FakeDns;
  beforeAll(async () => {
    silent = await startFakeDns({}, { silent: true });
  });
  afterAll(async () => silent?.close());

  it('stops at the deadline with one dns_error', async () => {
    const started = Date.now();
    const result = await auditDomain('good.test', {
      dns: { servers: [silent.server], timeoutMs: 400, deadlineMs: 1000 },
      blocklists: { domainZones: ['dbl.spamhaus.org'], spamhausDqsKey: undefined },
      selectors: ['google'],
      selectorsRequired: false,
      ips: ['192.0.2.1'],
    });
    expect(Date.now() - started).toBeLessThan(1000 + 2000);
    expect(result.verdict).toBe('error');
    expect(result.findings).toEqual([
      { code: 'dns_error', severity: 'warn', message: `no DNS server answered any query for good.test (${silent.server}; 0.4 s a query, 1 s a domain): nothing could be checked`, record: null, fix: 'Check DNS_SERVERS and that the server is reachable from here.' },
    ]);
  });
});
