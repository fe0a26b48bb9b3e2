// `serve`'s scheduled DNS audit: node-cron ticking every second, two replicas on one real database
// (embedded, or the server with TEST_DATABASE_URL), DNS_SERVERS pointing at the local DNS server.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { localDate } from '../../src/day.js';
import { startDnsAuditJob, type DnsAuditOutcome } from '../../src/jobs/dns-audit-job.js';
import type { ScheduledRun } from '../../src/jobs/schedule.js';
import { createLogger } from '../../src/logger.js';
import { upsertDomains } from '../../src/store/fleet.js';
import { healthyZone, sharedZone } from '../dns/zones.js';
import { openTestStore, type TestStore } from '../support/db.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noCatchUp = { catchUpCron: '0 0 1 1 *' };

describe('the scheduled DNS audit', () => {
  let dns: FakeDns;
  let store: TestStore;
  const jobs: ScheduledRun<DnsAuditOutcome>[] = [];
  beforeAll(async () => {
    dns = await startFakeDns({
      ...sharedZone,
      ...healthyZone('one.test'),
      ...healthyZone('two.test', ({ spf }) => ({ [spf]: { TXT: ['v=spf1 include:_spf.provider.test ~all', 'v=spf1 mx -all'], MX: [{ exchange: 'mx.two.test', priority: 10 }] } })),
      ...healthyZone('three.test'),
    });
    store = await openTestStore();
    await upsertDomains(store.pool, [{ domain: 'one.test' }, { domain: 'two.test' }, { domain: 'three.test' }, { domain: 'gone.test', status: 'pulled' }]);
  });
  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    await store.pool.query('DELETE FROM dns_audit_runs');
    await store.pool.query('DELETE FROM dns_audits');
  });
  afterAll(async () => {
    await store?.close();
    await dns?.close();
  });

  function replica(env: Record<string, string> = {}): { context: AppContext; logs: () => string } {
    let logged = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const config = loadConfig({ DNS_SERVERS: dns.server, DNS_AUDIT_CRON: '* * * * * *', LOG_LEVEL: 'info', ...env });
    return { context: { config, store, logger: createLogger('info', stream), now: () => new Date() }, logs: () => logged };
  }

  const run = async () => (await store.pool.query('SELECT status, attempts, domains_audited, domains_failing FROM dns_audit_runs')).rows;

  it('two replicas audit every active domain once between them, and store each audit', async () => {
    const replicas = [replica(), replica()];
    for (const { context } of replicas) jobs.push(startDnsAuditJob(context, noCatchUp)!);
    await expect.poll(async () => (await run())[0]?.status, { timeout: 20_000, interval: 200 }).toBe('done');
    await sleep(2500); // more ticks on both: none may audit again
    expect(await run()).toEqual([{ status: 'done', attempts: 1, domains_audited: 3, domains_failing: 1 }]);
    const { rows } = await store.pool.query<{ domain: string; verdict: string }>('SELECT domain, verdict FROM dns_audits ORDER BY domain');
    expect(rows).toEqual([
      { domain: 'one.test', verdict: 'pass' },
      { domain: 'three.test', verdict: 'pass' },
      { domain: 'two.test', verdict: 'fail' },
    ]);
    const logs = replicas.map(({ logs: read }) => read()).join('');
    expect(logs).toContain('DNS audit of 3 active domains: 1 fail, 0 warn, 2 pass, 0 could not be checked (33 % have at least one failure)');
    expect(logs.match(/audited the DNS of 3 active domains for \d{4}-\d{2}-\d{2}: 1 fail/g)).toHaveLength(1);
  });

  it('leaves a live claim by another process alone', async () => {
    await store.pool.query(`INSERT INTO dns_audit_runs (day, status, claimed_by) VALUES ($1, 'claimed', 'other-host:2:beef')`, [localDate(new Date(), 'UTC')]);
    const job = startDnsAuditJob(replica().context, noCatchUp)!;
    jobs.push(job);
    expect(await job.runDue()).toEqual({ outcome: 'in_progress', by: 'other-host:2:beef' });
    expect((await store.pool.query('SELECT count(*)::int AS n FROM dns_audits')).rows[0]).toEqual({ n: 0 });
  });

  it('with DNS_AUDIT_CRON=off nothing is scheduled, and one log line says so', () => {
    const { context, logs } = replica({ DNS_AUDIT_CRON: 'off' });
    expect(startDnsAuditJob(context)).toBeNull();
    expect(logs()).toContain('DNS_AUDIT_CRON is off: no scheduled DNS audit');
  });
});
