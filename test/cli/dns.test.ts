// `smtp-desk dns` as a user runs it (a child process), against a local DNS server serving one zone
// per case: every finding code of the contract, the exit codes, the JSON shape and the deadline.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { findingCodes, type DnsAudit } from '../../src/dns/index.js';
import { cases, sharedZone } from '../dns/zones.js';
import { runCli, type CliRun } from '../support/cli.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';
import { collector } from '../support/streams.js';

const quickDns = { DNS_TIMEOUT_MS: '2000', DNS_DEADLINE_MS: '20000' };

/** The verb in-process, for the argument checks that never reach DNS. */
async function runInProcess(argv: string[], env: Record<string, string>): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, { stdin, stdout, stderr, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** One CLI run per domain (cases sharing a domain share its run), a few at a time. */
async function runAll(server: string): Promise<Map<string, CliRun>> {
  const runs = new Map<string, string[]>();
  for (const item of cases) if (!runs.has(item.domain)) runs.set(item.domain, item.args ?? []);
  const queue = [...runs];
  const results = new Map<string, CliRun>();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [domain, args] = next;
      results.set(domain, await runCli(['dns', domain, ...args, '--json'], { env: { DNS_SERVERS: server, ...quickDns }, timeoutMs: 120_000 }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return results;
}

describe('smtp-desk dns <domain>', () => {
  let dns: FakeDns;
  let results: Map<string, CliRun>;

  beforeAll(async () => {
    dns = await startFakeDns(Object.assign({}, sharedZone, ...cases.map((item) => item.zone)));
    results = await runAll(dns.server);
  }, 300_000);
  afterAll(async () => dns?.close());

  it('covers every finding code of the contract', () => {
    expect(new Set(cases.map((item) => item.code))).toEqual(new Set(Object.keys(findingCodes)));
  });

  it.each(cases)('$code ($domain)', ({ code, domain, says, exit }) => {
    const run = results.get(domain)!;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(exit);
    const audit = JSON.parse(run.stdout) as DnsAudit;
    const found = audit.findings.filter((item) => item.code === code);
    expect(found.length, `${code} in ${JSON.stringify(audit.findings.map((item) => item.code))}`).toBeGreaterThan(0);
    expect(found.map((item) => item.message).join('\n')).toMatch(says);
    for (const item of found) expect(item.fix === null).toBe(item.severity === 'info');
  });

  it('prints the JSON contract: domain, checked_at, verdict and findings with exactly their fields', () => {
    const audit = JSON.parse(results.get('good.test')!.stdout) as DnsAudit;
    expect(Object.keys(audit)).toEqual(['domain', 'checked_at', 'verdict', 'findings']);
    expect(audit).toMatchObject({ domain: 'good.test', verdict: 'pass' });
    expect(new Date(audit.checked_at).toISOString()).toBe(audit.checked_at);
    for (const item of audit.findings) {
      expect(Object.keys(item)).toEqual(['code', 'severity', 'message', 'record', 'fix']);
      expect(item.severity).toBe('info');
    }
    expect(audit.findings.find((item) => item.code === 'spf_ok')?.record).toBe('v=spf1 include:_spf.provider.test ~all');
  });

  it('gives warn for warnings only, fail when something fails, error when something could not be checked', () => {
    const verdict = (domain: string) => (JSON.parse(results.get(domain)!.stdout) as DnsAudit).verdict;
    expect(verdict('dmarc-none.test')).toBe('warn');
    expect(verdict('spf-multiple.test')).toBe('fail');
    expect(verdict('servfail.test')).toBe('error');
    expect(verdict('refused.test')).toBe('error');
    const refused = JSON.parse(results.get('refused.test')!.stdout) as DnsAudit;
    expect(refused.findings.map((item) => item.code)).not.toContain('blocklisted');
  });

  it('prints each finding with its record and fix for people', async () => {
    const run = await runCli(['dns', 'spf-multiple.test'], { env: { DNS_SERVERS: dns.server, ...quickDns } });
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/^spf-multiple\.test: fail \(1 fail, 0 warn, 4 pass\)/);
    expect(run.stdout).toContain('  FAIL  spf_multiple: spf-multiple.test has 2 SPF records');
    expect(run.stdout).toContain('        record  v=spf1 include:_spf.provider.test ~all\n                v=spf1 mx -all');
    expect(run.stdout).toContain('        fix     Merge them into one v=spf1 record');
    expect(run.stdout).toContain('  ok    dmarc_ok: DMARC p=reject');
  });

  it('rejects bad arguments with one line and exit 2', async () => {
    const env = { DNS_SERVERS: dns.server };
    for (const [args, message] of [
      [['dns'], 'give the domain to check (or --all)'],
      [['dns', 'not a domain'], '"not a domain" is not a domain name'],
      [['dns', 'good.test', '--ip', '300.1.1.1'], '--ip "300.1.1.1" is not an IPv4 or IPv6 address'],
      [['dns', 'good.test', '--bogus'], "Unknown option '--bogus'"],
      [['dns', 'good.test', '--concurrency', '3'], '--concurrency goes with --all'],
    ] as const) {
      const run = await runInProcess([...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`smtp-desk dns: ${message}`);
    }
  });

  it('rejects a bad DNS_SERVERS with one line naming it', async () => {
    const run = await runInProcess(['dns', 'good.test'], { DNS_SERVERS: 'dns.example.com' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('smtp-desk: DNS_SERVERS must be a comma-separated list of DNS server IP addresses, each with an optional :port (IPv6 with a port as [addr]:port), e.g. 127.0.0.1:5353,1.1.1.1 (got "dns.example.com")');
  });
});

describe('smtp-desk dns against a DNS server that never answers', () => {
  let silent: FakeDns;
  beforeAll(async () => {
    silent = await startFakeDns({}, { silent: true });
  });
  afterAll(async () => silent?.close());

  it('exits 1 with one line once the deadline passes', async () => {
    const run = await runCli(['dns', 'good.test'], { env: { DNS_SERVERS: silent.server, DNS_TIMEOUT_MS: '500', DNS_DEADLINE_MS: '1500' }, timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`smtp-desk dns: could not check good.test: no DNS server answered any query for good.test (${silent.server}; 0.5 s a query, 1.5 s a domain): nothing could be checked\n`);
    expect(silent.queries()).toBeGreaterThan(0);
  });
});
