// The scheduled digest end to end: node-cron ticking every second, the real Bolt app's context,
// a fake Slack, and a real database (embedded, or the server with TEST_DATABASE_URL).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/day.js';
import { loadDemoFleet } from '../../src/demo/load.js';
import type { Role } from '../../src/demo/roles.js';
import { decodeDomainButtonValue } from '../../src/slack/blocks/domain-buttons.js';
import { startDigestJob, type DigestJob } from '../../src/jobs/digest-job.js';
import { openStore, type Queryable, type Store } from '../../src/store/store.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { openTestStore, type TestStore } from '../support/db.js';
import type { RecordedCall } from '../support/fake-slack.js';
import { loadBadFleet } from './bad-fleet.js';
import { startTcpProxy } from './tcp-proxy.js';

const channel = 'C0DIGEST';
/** Every second, so a test sees several ticks; the catch-up check never fires during a test. */
const everySecond = { DIGEST_CHANNEL: channel, DIGEST_CRON: '* * * * * *', LOG_LEVEL: 'info' };
const noCatchUp = { catchUpCron: '0 0 1 1 *' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const today = () => localDate(new Date(), 'UTC');
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** The day's row in digest_runs, as an operator reads it with psql. */
async function digestRun(db: Queryable, day: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query('SELECT status, attempts, message_ts FROM digest_runs WHERE day = $1::date AND channel = $2', [day, channel]);
  return rows[0];
}

const running: { jobs: DigestJob[]; harnesses: Harness[] } = { jobs: [], harnesses: [] };
afterEach(async () => {
  await Promise.all(running.jobs.splice(0).map((job) => job.stop()));
  await Promise.all(running.harnesses.splice(0).map((harness) => harness.stop()));
});

async function app(store: Store, env: Record<string, string> = {}): Promise<Harness> {
  const harness = await startApp({ store, env: { ...everySecond, ...env } });
  running.harnesses.push(harness);
  return harness;
}

function job(harness: Harness): DigestJob {
  const started = startDigestJob(harness.context, noCatchUp);
  if (!started) throw new Error('no digest job started');
  running.jobs.push(started);
  return started;
}

/** The domains a posted digest lists, with the verdict and rules its buttons carry. */
function listedDomains(call: RecordedCall): Map<string, { verdict?: string; rules?: string[] }> {
  const blocks = call.args.blocks as { type: string; elements?: { value?: string }[] }[];
  const listed = new Map<string, { verdict?: string; rules?: string[] }>();
  for (const block of blocks.filter((b) => b.type === 'actions')) {
    const value = decodeDomainButtonValue(block.elements?.[0]?.value);
    if (value) listed.set(value.domain, { ...(value.verdict ? { verdict: value.verdict } : {}), ...(value.rules ? { rules: value.rules } : {}) });
  }
  return listed;
}

const ruleOfRole: Partial<Record<Role, { rule: string; verdict: string }>> = {
  bounce_rate: { rule: 'bounce_rate', verdict: 'pull' },
  complaint_rate_reported: { rule: 'complaint_rate', verdict: 'pull' },
  complaint_rate_counted: { rule: 'complaint_rate', verdict: 'pull' },
  invalid_rate: { rule: 'invalid_rate', verdict: 'fix' },
  reputation_block_pull: { rule: 'reputation_block', verdict: 'pull' },
  reputation_block_watch: { rule: 'reputation_block', verdict: 'watch' },
  spike_554: { rule: 'spike_554', verdict: 'watch' },
  auth_failure: { rule: 'auth_failure', verdict: 'fix' },
  persistent_421: { rule: 'persistent_421', verdict: 'fix' },
};

describe('the scheduled digest', () => {
  it('posts the demo fleet’s digest once: exactly the domains made bad, each for its rule', async () => {
    const store = await openTestStore();
    try {
      const loaded = await loadDemoFleet(store.pool, { seed: 3, domains: 60, days: 10, today: today() });
      const expected = new Map<string, { rule: string; verdict: string }>();
      for (const [role, domains] of loaded.roles) {
        const want = ruleOfRole[role];
        if (want) domains.forEach((domain) => expected.set(domain, want));
      }
      const harness = await app(store);
      job(harness);
      const post = await harness.fake.waitFor('chat.postMessage', () => true, 15_000);
      await sleep(2500); // more ticks: none may post again
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(post.args).toMatchObject({ channel, metadata: { event_type: 'smtp_desk_digest', event_payload: { day: yesterday() } } });
      const listed = listedDomains(post);
      expect([...listed.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [domain, want] of expected) {
        expect(listed.get(domain)?.verdict, domain).toBe(want.verdict);
        expect(listed.get(domain)?.rules, domain).toContain(want.rule);
      }
      const run = await digestRun(store.pool, yesterday());
      expect(run).toMatchObject({ status: 'posted', message_ts: post.args.ts ?? expect.any(String), attempts: 1 });
      expect(harness.logs()).toContain(`posted the digest for ${yesterday()} to ${channel}`);
    } finally {
      await store.close();
    }
  }, 60_000); // loads a demo fleet first

  describe('on one database', () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore();
      await loadBadFleet(store.pool, yesterday());
    });
    afterAll(() => store.close());
    afterEach(async () => {
      await store.pool.query('DELETE FROM digest_runs');
    });

    it('two app instances scheduled for the same second post one digest', async () => {
      const [first, second] = await Promise.all([app(store), app(store)]);
      job(first);
      job(second);
      await Promise.race([first.fake.waitFor('chat.postMessage', () => true, 10_000), second.fake.waitFor('chat.postMessage', () => true, 10_000)]);
      await sleep(2500);
      expect(first.fake.callsTo('chat.postMessage').length + second.fake.callsTo('chat.postMessage').length).toBe(1);
    });

    it('Slack answering 429 then 200: waits Retry-After and posts one digest', async () => {
      const harness = await app(store);
      harness.fake.failNext('chat.postMessage', { rateLimitedFor: 1 });
      job(harness);
      await harness.fake.waitFor('chat.postMessage', () => true, 10_000);
      const limitedAt = Date.now();
      await harness.fake.waitFor('chat.postMessage', (call) => call !== harness.fake.callsTo('chat.postMessage')[0], 10_000);
      expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(900);
      await sleep(2000);
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(2);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted', attempts: 1 });
    });

    it('Slack answering 503 once: retried with back-off, one digest', async () => {
      const harness = await app(store);
      harness.fake.failNext('chat.postMessage', { status: 503 });
      job(harness);
      await harness.fake.waitFor('chat.postMessage', () => harness.fake.callsTo('chat.postMessage').length === 2, 10_000);
      await sleep(2000);
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(2);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted' });
    });

    it('stopped while waiting between Slack retries: stop does not wait them out, nothing more reaches Slack, and the next start posts it', async () => {
      const stopped = await app(store);
      stopped.fake.failNext('chat.postMessage', { status: 503 }, 10);
      const first = startDigestJob(stopped.context, noCatchUp)!;
      await stopped.fake.waitFor('chat.postMessage', () => true, 10_000);
      const stopAt = Date.now();
      await first.stop();
      // Waiting out the back-off (1, 2, 4, 8, 16 s, each up to twice that) took over 30 s.
      expect(Date.now() - stopAt).toBeLessThan(5_000);
      await sleep(3000);
      expect(stopped.fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'failed', message_ts: null });
      expect(stopped.logs()).toContain(`stopped before the digest for ${yesterday()} was posted to ${channel}; the next start posts what is missing`);

      const restarted = await app(store);
      job(restarted);
      await restarted.fake.waitFor('chat.postMessage', () => true, 10_000);
      await sleep(1500);
      expect(restarted.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === undefined)).toHaveLength(1);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted', attempts: 2 });
    });

    it('Slack refusing the post: the run is failed and the next tick posts it', async () => {
      const harness = await app(store);
      harness.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
      job(harness);
      await harness.fake.waitFor('chat.postMessage', () => harness.fake.callsTo('chat.postMessage').length === 2, 10_000);
      await sleep(1500);
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(2);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted', attempts: 2 });
      expect(harness.logs()).toContain('not_in_channel');
    });

    it('a run that died after posting but before recording it: found in the channel, not posted again', async () => {
      await store.pool.query(
        `INSERT INTO digest_runs (day, channel, status, claimed_by, claimed_at) VALUES ($1, $2, 'claimed', 'dead-host:1:abcd', now() - interval '20 minutes')`,
        [yesterday(), channel],
      );
      const harness = await app(store);
      harness.fake.answer('conversations.history', (call) => ({
        ok: true,
        messages: [
          { type: 'message', ts: '1764300000.000200', text: 'something else' },
          ...(call.args.include_all_metadata ? [{ type: 'message', ts: '1764300000.000100', text: 'Domain health', metadata: { event_type: 'smtp_desk_digest', event_payload: { day: yesterday() } } }] : []),
        ],
        has_more: false,
      }));
      const started = job(harness);
      await harness.fake.waitFor('conversations.history', () => true, 10_000);
      await started.runDue();
      await sleep(1500);
      expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted', message_ts: '1764300000.000100', attempts: 2 });
    });

    it('a stale run without the history scope posts anyway, and says why', async () => {
      await store.pool.query(
        `INSERT INTO digest_runs (day, channel, status, claimed_by, claimed_at) VALUES ($1, $2, 'claimed', 'dead-host:1:abcd', now() - interval '20 minutes')`,
        [yesterday(), channel],
      );
      const harness = await app(store);
      harness.fake.failNext('conversations.history', { error: 'missing_scope' });
      job(harness);
      await harness.fake.waitFor('chat.postMessage', () => true, 10_000);
      await sleep(1500);
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(harness.logs()).toContain('add the channels:history or groups:history scope');
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted', attempts: 2 });
    });

    it('a live claim by another process is left alone', async () => {
      await store.pool.query(`INSERT INTO digest_runs (day, channel, status, claimed_by) VALUES ($1, $2, 'claimed', 'other-host:2:beef')`, [yesterday(), channel]);
      const harness = await app(store);
      const started = job(harness);
      expect(await started.runDue()).toEqual({ outcome: 'in_progress', by: 'other-host:2:beef' });
      await sleep(1500);
      expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
    });
  });

  it('database down at the tick: logged, the process stays up, and the next tick after it is back posts once', async () => {
    const store = await openTestStore();
    await loadBadFleet(store.pool, yesterday());
    const target = new URL(store.connectionString);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(store.connectionString);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const viaProxy = await openStore({ databaseUrl: proxied.toString(), schema: store.schema });
    try {
      await proxy.pause();
      const harness = await app(viaProxy);
      job(harness);
      await sleep(3000);
      expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
      expect(harness.logs()).toMatch(/ERROR .*the digest for \d{4}-\d{2}-\d{2} was not posted to C0DIGEST: .*the next check tries again/);
      await proxy.resume();
      await harness.fake.waitFor('chat.postMessage', () => true, 10_000);
      await sleep(2000);
      expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
      expect(await digestRun(store.pool, yesterday())).toMatchObject({ status: 'posted' });
    } finally {
      await Promise.all(running.jobs.splice(0).map((started) => started.stop()));
      await Promise.all(running.harnesses.splice(0).map((harness) => harness.stop()));
      await viaProxy.close();
      await proxy.stop();
      await store.close();
    }
  });

  it('without DIGEST_CHANNEL nothing is scheduled, and one log line says so', async () => {
    const store = await openTestStore();
    try {
      const harness = await startApp({ store, env: { LOG_LEVEL: 'info' } });
      running.harnesses.push(harness);
      expect(startDigestJob(harness.context)).toBeNull();
      expect(harness.logs().match(/DIGEST_CHANNEL is not set: no daily digest is scheduled/g)).toHaveLength(1);
    } finally {
      await Promise.all(running.harnesses.splice(0).map((harness) => harness.stop()));
      await store.close();
    }
  });
});
