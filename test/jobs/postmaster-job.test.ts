// serve's Postmaster Tools pull before the digest: the real digest job ticking every second, the real
// Bolt app's context against a fake Slack, a local Google, and a real database.
import { afterEach, describe, expect, it } from 'vitest';
import { startDigestJob, type DigestJob } from '../../src/jobs/digest-job.js';
import { postmasterPreparation } from '../../src/jobs/postmaster-job.js';
import { decodeDomainButtonValue } from '../../src/slack/blocks/domain-buttons.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { openTestStore, type TestStore } from '../support/db.js';
import { startFakeGoogle, type FakeDomainStat, type FakeGoogle } from '../support/fake-google.js';
import type { RecordedCall } from '../support/fake-slack.js';

const channel = 'C0DIGEST';
const everySecond = { DIGEST_CHANNEL: channel, DIGEST_CRON: '* * * * * *' };
const noCatchUp = { catchUpCron: '0 0 1 1 *' };
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const credentials = { clientId: 'smtp-desk-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-secret', refreshToken: '1//0g-test-refresh-token' };

function spamRate(day: string, doubleValue: number): FakeDomainStat {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { metric: 'spam_rate', date: { year, month, day: date }, value: { doubleValue } };
}

/** The domains a posted digest lists, with the rules their buttons carry. */
function listed(call: RecordedCall): Record<string, string[]> {
  const blocks = call.args.blocks as { type: string; elements?: { value?: string }[] }[];
  const domains: Record<string, string[]> = {};
  for (const block of blocks.filter((b) => b.type === 'actions')) {
    const value = decodeDomainButtonValue(block.elements?.[0]?.value);
    if (value) domains[value.domain] = value.rules ?? [];
  }
  return domains;
}

const open: { jobs: DigestJob[]; harnesses: Harness[]; stores: TestStore[]; googles: FakeGoogle[] } = { jobs: [], harnesses: [], stores: [], googles: [] };
afterEach(async () => {
  await Promise.all(open.jobs.splice(0).map((job) => job.stop()));
  await Promise.all(open.harnesses.splice(0).map((harness) => harness.stop()));
  await Promise.all(open.googles.splice(0).map((google) => google.close()));
  await Promise.all(open.stores.splice(0).map((store) => store.close()));
});

async function fleet(spam: number): Promise<{ store: TestStore; google: FakeGoogle }> {
  const store = await openTestStore();
  open.stores.push(store);
  await store.pool.query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ($1::date, 'ana@hot.example', 400), ($1::date, 'bo@calm.example', 400)`, [yesterday()]);
  const google = await startFakeGoogle({ ...credentials, stats: { 'hot.example': [spamRate(yesterday(), spam)], 'calm.example': [spamRate(yesterday(), 0.0002)] } });
  open.googles.push(google);
  return { store, google };
}

async function replica(store: TestStore, google: FakeGoogle, env: Record<string, string> = {}): Promise<Harness> {
  const harness = await startApp({ store, env: { ...everySecond, ...google.env, ...env } });
  open.harnesses.push(harness);
  const prepare = postmasterPreparation(harness.context);
  if (!prepare) throw new Error('no Postmaster pull prepared');
  const job = startDigestJob(harness.context, { ...noCatchUp, prepare });
  if (!job) throw new Error('no digest job started');
  open.jobs.push(job);
  return harness;
}

describe('the Postmaster Tools pull before the digest', () => {
  it('two replicas pull once, and the digest they post once flags the domain over the spam-rate line', async () => {
    const { store, google } = await fleet(0.0071);
    const [first, second] = [await replica(store, google), await replica(store, google)];
    const post = await Promise.race([first!.fake.waitFor('chat.postMessage', () => true, 20_000), second!.fake.waitFor('chat.postMessage', () => true, 20_000)]);
    expect(listed(post)).toEqual({ 'hot.example': ['complaint_rate'] });
    // Ticks keep coming every second: still one pull, one post.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(google.batches).toHaveLength(1);
    expect(first!.fake.callsTo('chat.postMessage').length + second!.fake.callsTo('chat.postMessage').length).toBe(1);
    const { rows } = await store.pool.query('SELECT status, error FROM postmaster_pulls WHERE day = $1::date', [yesterday()]);
    expect(rows).toEqual([{ status: 'done', error: null }]);
  });

  it('a Postmaster Tools slower than POSTMASTER_DEADLINE_MS: the digest goes out without its rates, the pull is recorded failed', async () => {
    const { store, google } = await fleet(0.0071);
    google.set({ apiLatencyMs: 8_000 });
    const harness = await replica(store, google, { POSTMASTER_DEADLINE_MS: '1000' });
    const post = await harness.fake.waitFor('chat.postMessage', () => true, 6_000);
    expect(listed(post)).toEqual({});
    // The digest's wait and the pull's own abort end at the same deadline: the failure may be recorded just after the post.
    const pulls = async () => (await store.pool.query('SELECT status, error FROM postmaster_pulls WHERE day = $1::date', [yesterday()])).rows;
    await expect.poll(pulls, { timeout: 5_000 }).toEqual([{ status: 'failed', error: 'it did not finish within POSTMASTER_DEADLINE_MS (1000 ms)' }]);
    expect((await store.pool.query('SELECT * FROM daily_complaints')).rows).toEqual([]);
  });
});
