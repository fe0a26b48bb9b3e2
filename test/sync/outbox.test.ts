import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { decideDomainStatus } from '../../src/fleet/decide.js';
import type { DomainStatus } from '../../src/fleet/lifecycle.js';
import { claimDueSync, latestSync, pausedBySmtpDesk } from '../../src/store/outbox.js';
import { upsertDomains } from '../../src/store/fleet.js';
import { openStore, type Store } from '../../src/store/store.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeInstantly, type FakeInstantly } from '../support/fake-instantly.js';
import { startFakeSmartlead, type FakeSmartlead } from '../support/fake-smartlead.js';
import { startTestWorker, syncConfig } from '../support/sync.js';

/** Five domains' worth of inboxes in each tool, with look-alikes of acme-mail.com that must be left alone. */
const instantlyAccounts = [
  { email: 'ana@acme-mail.com', status: 1 },
  { email: 'bo@acme-mail.com', status: 1 },
  { email: 'cy@acme-mail.com', status: 1 },
  { email: 'old@acme-mail.com', status: 2 }, // paused by someone before smtp-desk's pull
  { email: 'ana@xacme-mail.com', status: 1 },
  { email: 'ana@acme-mail.com.evil.io', status: 1 },
  { email: 'ana@mail.acme-mail.com', status: 1 },
  ...['limit', 'down', 'restart'].flatMap((name) => [1, 2].map((n) => ({ email: `in${n}@${name}.example`, status: 1 }))),
];
const smartleadAccounts = [
  { id: 11, from_email: 'ana@acme-mail.com', is_suspended: false },
  { id: 12, from_email: 'bo@acme-mail.com', is_suspended: false },
  { id: 13, from_email: 'cy@acme-mail.com', is_suspended: false },
  { id: 14, from_email: 'ana@xacme-mail.com', is_suspended: false },
  { id: 21, from_email: 'a@keyless.example', is_suspended: false },
  { id: 22, from_email: 'b@keyless.example', is_suspended: false },
  { id: 23, from_email: 'c@keyless.example', is_suspended: false },
  { id: 15, from_email: 'old@acme-mail.com', is_suspended: true }, // suspended by someone before smtp-desk's pull
  // Enough other accounts that the listing takes two pages of 100, with one of acme-mail.com's on the second.
  ...Array.from({ length: 120 }, (_, i) => ({ id: 1000 + i, from_email: `filler${i}@other.example`, is_suspended: false })),
  { id: 2000, from_email: 'late@acme-mail.com', is_suspended: false },
  { id: 31, from_email: 'a@midway.example', is_suspended: false },
  { id: 32, from_email: 'b@midway.example', is_suspended: false },
  { id: 33, from_email: 'c@midway.example', is_suspended: false },
];

describe(`the decision outbox against fake Instantly and Smartlead (${databaseLabel})`, () => {
  let store: TestStore;
  let instantly: FakeInstantly;
  let smartlead: FakeSmartlead;
  let config: Config;

  const decide = (cfg: Config, domain: string, to: DomainStatus) => decideDomainStatus({ store, config: cfg }, { domain, to, actor: 'U0APPROVER', source: 'button', reason: 'bounce_rate on 2026-11-30', thread: { channel: 'C0OPS', threadTs: '1764500000.000100' } });

  beforeAll(async () => {
    store = await openTestStore();
    // A small page size makes the listing follow Instantly's cursor.
    instantly = await startFakeInstantly({ apiKey: 'instantly-test-key-0123456789', accounts: instantlyAccounts, pageSize: 2 });
    smartlead = await startFakeSmartlead({ apiKey: 'smartlead-test-key-0123456789', accounts: smartleadAccounts });
    config = syncConfig({ instantly: instantly.apiUrl, smartlead: smartlead.apiUrl });
    await upsertDomains(store.pool, ['acme-mail.com', 'xacme-mail.com', 'limit.example', 'down.example', 'restart.example', 'keyless.example', 'midway.example', 'reserve.example'].map((domain) => ({ domain })));
    for (let i = 0; i < 12; i++) await upsertDomains(store.pool, [{ domain: `fleet${i}.example` }]);
  });
  afterAll(async () => {
    await instantly.stop();
    await smartlead.stop();
    await store.close();
  });

  it('a pull pauses exactly the domain’s inboxes in both tools, leaves look-alikes and someone else’s pause alone, and Reactivate resumes only its own', async () => {
    const worker = startTestWorker(store, config);
    try {
      const pulled = await decide(config, 'acme-mail.com', 'pulled');
      expect(pulled).toMatchObject({ outcome: 'changed', sync: [{ tool: 'instantly', action: 'pause', state: 'pending' }, { tool: 'smartlead', action: 'pause', state: 'pending' }] });

      const said = await worker.waitForSaid((s) => s.row.domain === 'acme-mail.com', 2);
      expect(said.map((s) => s.sentence).sort()).toEqual([
        'Paused 3 inboxes of acme-mail.com in Instantly; left 1 inbox someone else had paused as it was',
        'Paused 4 inboxes of acme-mail.com in Smartlead; left 1 inbox someone else had paused as it was',
      ]);
      expect(said.map((s) => s.row.slack_thread_ts)).toEqual(['1764500000.000100', '1764500000.000100']);
      expect([...instantly.paused].sort()).toEqual(['ana@acme-mail.com', 'bo@acme-mail.com', 'cy@acme-mail.com']);
      expect([...smartlead.suspended].sort()).toEqual([11, 12, 13, 2000]);
      expect(smartlead.calls.filter((c) => c.method === 'GET').map((c) => c.query.get('offset'))).toEqual(['0', '100']);
      expect(instantly.accounts.get('ana@xacme-mail.com')?.status).toBe(1);
      expect(instantly.accounts.get('ana@mail.acme-mail.com')?.status).toBe(1);
      expect(instantly.accounts.get('ana@acme-mail.com.evil.io')?.status).toBe(1);
      expect(smartlead.accounts.get(14)?.is_suspended).toBe(false);
      // The listing searched for the domain and followed the cursor to the end (7 substring matches, 2 a page).
      const listed = instantly.calls.filter((c) => c.method === 'GET');
      expect(listed.map((c) => c.query.get('search'))).toEqual(Array(4).fill('acme-mail.com'));
      expect(listed.map((c) => c.query.get('starting_after') === null)).toEqual([true, false, false, false]);

      const sync = await latestSync(store.pool, 'acme-mail.com');
      expect(sync.map((row) => [row.tool, row.action, row.state, [...row.inboxes].sort(), row.error, row.attempts])).toEqual([
        ['instantly', 'pause', 'done', ['ana@acme-mail.com', 'bo@acme-mail.com', 'cy@acme-mail.com'], null, 1],
        ['smartlead', 'pause', 'done', ['ana@acme-mail.com', 'bo@acme-mail.com', 'cy@acme-mail.com', 'late@acme-mail.com'], null, 1],
      ].sort());

      await decide(config, 'acme-mail.com', 'active');
      const resumed = await worker.waitForSaid((s) => s.row.domain === 'acme-mail.com' && s.row.action === 'resume', 2);
      expect(resumed.map((s) => s.sentence).sort()).toEqual(['Resumed 3 inboxes of acme-mail.com in Instantly', 'Resumed 4 inboxes of acme-mail.com in Smartlead']);
      expect([...instantly.resumed].sort()).toEqual(['ana@acme-mail.com', 'bo@acme-mail.com', 'cy@acme-mail.com']);
      expect(instantly.accounts.get('old@acme-mail.com')?.status).toBe(2);
      expect([...smartlead.unsuspended].sort()).toEqual([11, 12, 13, 2000]);
      expect(smartlead.accounts.get(15)?.is_suspended).toBe(true);
      expect(await pausedBySmtpDesk(store.pool, 'instantly', 'acme-mail.com')).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it('Mark reserve writes no row for the tools: a reserve domain keeps warming up', async () => {
    const result = await decide(config, 'reserve.example', 'reserved');
    expect(result).toMatchObject({ outcome: 'changed', sync: [] });
    expect(await latestSync(store.pool, 'reserve.example')).toEqual([]);
    // Reactivating it has nothing to resume: smtp-desk paused none of its inboxes.
    expect(await decide(config, 'reserve.example', 'active')).toMatchObject({ outcome: 'changed', sync: [] });
  });

  it('a Reactivate taken while its pull is still pending waits for it, then resumes what the pull paused', async () => {
    await upsertDomains(store.pool, [{ domain: 'order.example' }]);
    ['in1@order.example', 'in2@order.example'].forEach((email) => instantly.accounts.set(email, { email, status: 1 }));
    instantly.failNext({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'busy' } }, 2, { method: 'GET' });
    const config1 = syncConfig({ instantly: instantly.apiUrl });
    const worker = startTestWorker(store, config1);
    try {
      await decide(config1, 'order.example', 'pulled');
      expect(await decide(config1, 'order.example', 'active')).toMatchObject({ sync: [{ tool: 'instantly', action: 'resume' }] });
      const said = await worker.waitForSaid((s) => s.row.domain === 'order.example', 2);
      expect(said.map((s) => s.sentence)).toEqual(['Paused 2 inboxes of order.example in Instantly', 'Resumed 2 inboxes of order.example in Instantly']);
      expect(said[1]!.row.attempts).toBe(1);
      expect(['in1@order.example', 'in2@order.example'].map((email) => instantly.accounts.get(email)?.status)).toEqual([1, 1]);
    } finally {
      await worker.stop();
    }
  });

  it('a 429 with Retry-After, then 200, delivers once after the wait', async () => {
    instantly.failNext({ status: 429, body: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' }, headers: { 'retry-after': '1' } }, 1, { method: 'POST', path: '/api/v2/accounts/pause' });
    const config1 = syncConfig({ instantly: instantly.apiUrl });
    const worker = startTestWorker(store, config1);
    try {
      const before = instantly.paused.length;
      await decide(config1, 'limit.example', 'pulled');
      const [said] = await worker.waitForSaid((s) => s.row.domain === 'limit.example');
      expect(said?.sentence).toBe('Paused 2 inboxes of limit.example in Instantly');
      expect(said?.row.attempts).toBe(2);
      expect(instantly.paused.slice(before).sort()).toEqual(['in1@limit.example', 'in2@limit.example']);
      const bulkCalls = instantly.calls.filter((c) => c.path === '/api/v2/accounts/pause' && c.body.includes('limit.example'));
      expect(bulkCalls).toHaveLength(2);
      // The second attempt waited for the Retry-After (1 s), not the test's 50 ms back-off.
      const times = await store.pool.query<{ waited: number }>('SELECT extract(epoch FROM settled_at - created_at)::float AS waited FROM sync_outbox WHERE domain = $1', ['limit.example']);
      expect(times.rows[0]!.waited).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.stop();
    }
  });

  it('an invalid key (401) fails the row at once with Smartlead’s words, and it is not tried again', async () => {
    const wrongKey = syncConfig({ smartlead: smartlead.apiUrl }, { smartlead: 'not-the-right-key-000' });
    const worker = startTestWorker(store, wrongKey);
    try {
      await decide(wrongKey, 'keyless.example', 'pulled');
      const [said] = await worker.waitForSaid((s) => s.row.domain === 'keyless.example');
      expect(said?.sentence).toBe('Smartlead: Invalid API Key');
      expect(said?.row).toMatchObject({ state: 'failed', attempts: 1, error: 'Invalid API Key', inboxes: [] });
      const calls = smartlead.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smartlead.calls.length).toBe(calls);
      expect(smartlead.accounts.get(21)?.is_suspended).toBe(false);
    } finally {
      await worker.stop();
    }
  });

  it('a key refused half-way says how many failed, keeps what was paused, and forgets the rest', async () => {
    smartlead.failNext({ status: 401, body: { message: 'Invalid API Key' } }, 1, { method: 'PUT', path: '/api/v1/email-accounts/suspend/33' });
    const config1 = syncConfig({ smartlead: smartlead.apiUrl });
    const worker = startTestWorker(store, config1);
    try {
      await decide(config1, 'midway.example', 'pulled');
      const [said] = await worker.waitForSaid((s) => s.row.domain === 'midway.example');
      expect(said?.sentence).toBe('Smartlead: 1 of 3 failed: Invalid API Key (paused 2 inboxes of midway.example)');
      expect(said?.row).toMatchObject({ state: 'failed', attempts: 1, error: '1 of 3 failed: Invalid API Key' });
      expect((await pausedBySmtpDesk(store.pool, 'smartlead', 'midway.example')).map((p) => p.inbox)).toEqual(['a@midway.example', 'b@midway.example']);
    } finally {
      await worker.stop();
    }
  });

  it('a decision taken while the tool is down waits in the outbox; a worker started after a restart delivers it', async () => {
    instantly.failNext({ hang: true }, 1, { method: 'POST', path: '/api/v2/accounts/pause' });
    const config1 = syncConfig({ instantly: instantly.apiUrl });
    const first = startTestWorker(store, config1);
    await decide(config1, 'restart.example', 'pulled');
    const rowOf = async () => (await latestSync(store.pool, 'restart.example'))[0];
    await instantly.waitForCalls((c) => c.path === '/api/v2/accounts/pause' && c.body.includes('restart.example'));
    await first.stop();
    expect(await rowOf()).toMatchObject({ state: 'pending', attempts: 1, inboxes: [] });
    expect(first.said).toEqual([]);

    await decide(config1, 'down.example', 'pulled'); // taken while no worker runs at all
    const second = startTestWorker(store, config1);
    try {
      const said = await second.waitForSaid((s) => s.row.domain === 'restart.example' || s.row.domain === 'down.example', 2);
      expect(said.map((s) => s.sentence).sort()).toEqual(['Paused 2 inboxes of down.example in Instantly', 'Paused 2 inboxes of restart.example in Instantly']);
      expect(instantly.paused.filter((email) => email.endsWith('@restart.example')).sort()).toEqual(['in1@restart.example', 'in2@restart.example']);
      expect(await rowOf()).toMatchObject({ state: 'done', attempts: 2 });
    } finally {
      await second.stop();
    }
  });

  it('a row leased by a worker that died is delivered by another once the lease runs out', async () => {
    const config1 = syncConfig({ instantly: instantly.apiUrl });
    await upsertDomains(store.pool, [{ domain: 'crash.example' }]);
    instantly.accounts.set('in1@crash.example', { email: 'in1@crash.example', status: 1 });
    await decide(config1, 'crash.example', 'pulled');
    const [taken] = await claimDueSync(store.pool, { worker: 'a-worker-that-dies', ms: 300 }, 10);
    expect(taken?.domain).toBe('crash.example');
    const worker = startTestWorker(store, config1);
    try {
      const [said] = await worker.waitForSaid((s) => s.row.domain === 'crash.example');
      expect(said?.sentence).toBe('Paused 1 inbox of crash.example in Instantly');
      expect(said?.row.attempts).toBe(2);
    } finally {
      await worker.stop();
    }
  });

  it('a tool that keeps failing is given up after the bounded time, and said so', async () => {
    const broken = await startFakeInstantly({ apiKey: 'instantly-test-key-0123456789', accounts: [{ email: 'in1@giveup.example', status: 1 }] });
    broken.failNext({ status: 503, body: { statusCode: 503, error: 'Service Unavailable', message: 'maintenance' } }, 1_000);
    const config1 = syncConfig({ instantly: broken.apiUrl });
    await upsertDomains(store.pool, [{ domain: 'giveup.example' }]);
    const worker = startTestWorker(store, config1, { giveUpAfterMs: 300 });
    try {
      await decide(config1, 'giveup.example', 'pulled');
      const [said] = await worker.waitForSaid((s) => s.row.domain === 'giveup.example');
      expect(said?.sentence).toBe('Instantly: gave up after 0.3 s: Instantly answered 503 (maintenance)');
      expect(said?.row.state).toBe('failed');
      expect(said?.row.attempts).toBeGreaterThan(1);
      expect(broken.accounts.get('in1@giveup.example')?.status).toBe(1);
    } finally {
      await worker.stop();
      await broken.stop();
    }
  });

  it('two replicas (two workers, each with its own connections) deliver each row exactly once', async () => {
    const domains = Array.from({ length: 12 }, (_, i) => `fleet${i}.example`);
    const accounts = domains.flatMap((domain) => [1, 2, 3].map((n) => ({ email: `in${n}@${domain}`, status: 1 })));
    const fleet = await startFakeInstantly({ apiKey: 'instantly-test-key-0123456789', accounts });
    fleet.delayMs = 20;
    const config1 = syncConfig({ instantly: fleet.apiUrl });
    const replica: Store = await openStore({ databaseUrl: store.connectionString, schema: store.schema });
    const said: Parameters<typeof startTestWorker>[3] = [];
    const a = startTestWorker(store, config1, { concurrency: 3 }, said);
    const b = startTestWorker(replica, config1, { concurrency: 3 }, said);
    try {
      await Promise.all(domains.map((domain) => decide(config1, domain, 'pulled')));
      await a.waitForSaid(() => true, domains.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(said).toHaveLength(domains.length);
      expect(new Set(said.map((s) => s.row.id)).size).toBe(domains.length);
      expect(fleet.paused).toHaveLength(accounts.length);
      expect(new Set(fleet.paused).size).toBe(accounts.length);
      expect(said.every((s) => s.row.attempts === 1)).toBe(true);
      expect(new Set(said.map((s) => s.worker)).size).toBe(2);
    } finally {
      await a.stop();
      await b.stop();
      await replica.close();
      await fleet.stop();
    }
  });
});
