// `smtp-desk dns --all` as a user runs it: every active domain audited against the local DNS
// server, each result stored, and the fleet summary printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsAudit } from '../../src/dns/index.js';
import { insertDnsAudits, latestDnsAudits } from '../../src/store/dns-audits.js';
import { upsertDomains } from '../../src/store/fleet.js';
import { healthyZone, sharedZone } from '../dns/zones.js';
import { runCli, tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';

const twoSpf = (domain: string) =>
  healthyZone(domain, ({ spf }) => ({ [spf]: { TXT: ['v=spf1 include:_spf.provider.test ~all', 'v=spf1 mx ~all'], MX: [{ exchange: `mx.${domain}`, priority: 10 }] } }));
const noneDmarc = (domain: string) => healthyZone(domain, ({ dmarc }) => ({ [dmarc]: { TXT: [`v=DMARC1; p=none; rua=mailto:d@${domain}`] } }));

describe(`smtp-desk dns --all on ${databaseLabel}`, () => {
  let store: TestStore;
  let dns: FakeDns;
  let cwd: { dir: string; remove: () => Promise<void> };
  let run: CliRun;

  beforeAll(async () => {
    store = await openTestStore();
    cwd = await tempDir('smtp-desk-dns-all');
    dns = await startFakeDns({ ...sharedZone, ...healthyZone('fine.test'), ...twoSpf('double-a.test'), ...twoSpf('double-b.test'), ...noneDmarc('lenient.test'), ...twoSpf('pulled.test') });
    await upsertDomains(store.pool, [
      { domain: 'fine.test' },
      { domain: 'double-a.test' },
      { domain: 'double-b.test' },
      { domain: 'lenient.test' },
      { domain: 'pulled.test', status: 'pulled' },
    ]);
    run = await runCli(['dns', '--all', '--concurrency', '2'], { env: { ...childDatabaseEnv(store), DNS_SERVERS: dns.server, LOG_LEVEL: 'error' }, cwd: cwd.dir, timeoutMs: 120_000 });
  }, 180_000);
  afterAll(async () => {
    await dns?.close();
    await store?.close();
    await cwd?.remove();
  });

  it('prints the fleet summary in the guide\'s terms and exits 5 when a domain fails', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(5);
    expect(run.stdout).toBe(
      [
        'DNS audit of 4 active domains: 2 fail, 1 warn, 1 pass, 0 could not be checked (50 % have at least one failure)',
        '  2 of 4 domains have more than one SPF record',
        '  1 of 4 domains have DMARC p=none',
        'Failing: double-a.test, double-b.test',
        '',
      ].join('\n'),
    );
  });

  it('stores one audit per active domain, with the findings of the --json contract, and none for a pulled domain', async () => {
    const audits = await latestDnsAudits(store.pool, ['double-a.test', 'double-b.test', 'fine.test', 'lenient.test', 'pulled.test']);
    expect(audits.map((audit) => [audit.domain, audit.verdict])).toEqual([
      ['double-a.test', 'fail'],
      ['double-b.test', 'fail'],
      ['fine.test', 'pass'],
      ['lenient.test', 'warn'],
    ]);
    const double = audits[0]!;
    expect(double.findings[0]).toEqual({
      code: 'spf_multiple',
      severity: 'fail',
      message: 'double-a.test has 2 SPF records: receivers treat that as a permanent error (permerror), so SPF fails for all of its mail',
      record: 'v=spf1 include:_spf.provider.test ~all\nv=spf1 mx ~all',
      fix: 'Merge them into one v=spf1 record that keeps every include:, ip4: and ip6: term once and ends in a single ~all, then delete the others.',
    });
    expect(Date.now() - new Date(double.checked_at).getTime()).toBeLessThan(300_000);
  });

  it('keeps every run: the newest audit is the one read back', async () => {
    const { rows } = await store.pool.query<{ count: string }>('SELECT count(*) FROM dns_audits');
    expect(Number(rows[0]!.count)).toBe(4);
    const later: DnsAudit = { domain: 'fine.test', checked_at: new Date(Date.now() + 60_000).toISOString(), verdict: 'warn', findings: [] };
    expect(await insertDnsAudits(store.pool, [later])).toBe(1);
    expect(await latestDnsAudits(store.pool, ['fine.test'])).toEqual([later]);
  });

  it('says so when there is no active domain', async () => {
    const empty = await openTestStore();
    try {
      const none = await runCli(['dns', '--all'], { env: { ...childDatabaseEnv(empty), DNS_SERVERS: dns.server, LOG_LEVEL: 'error' }, cwd: cwd.dir });
      expect(none.code).toBe(0);
      expect(none.stdout).toBe('no active domains to audit (domains appear with their first import, webhook event or daily sends)\n');
    } finally {
      await empty.close();
    }
  }, 120_000);
});
