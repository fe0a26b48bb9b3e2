// The digest job's preparation (what serve's Postmaster pull plugs into): started ahead of each
// digest, and awaited before the digest is posted. Real node-cron ticks, the real Bolt context, a fake Slack.
import { afterEach, describe, expect, it } from 'vitest';
import { startDigestJob, type DigestJob, type DigestPreparation } from '../../src/jobs/digest-job.js';
import { startApp, type Harness } from '../support/app-harness.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const open: { jobs: DigestJob[]; harnesses: Harness[] } = { jobs: [], harnesses: [] };
afterEach(async () => {
  await Promise.all(open.jobs.splice(0).map((job) => job.stop()));
  await Promise.all(open.harnesses.splice(0).map((harness) => harness.stop()));
});

describe('the digest preparation', () => {
  it('is awaited before the digest is posted, and started leadMs before each later digest time', async () => {
    // Every 10 seconds: today's first fire has passed, so the digest is due at once; the next fires come 10 s apart.
    const harness = await startApp({ env: { DIGEST_CHANNEL: 'C0DIGEST', DIGEST_CRON: '*/10 * * * * *' } });
    open.harnesses.push(harness);
    const calls: { day: string; at: number }[] = [];
    let finished = 0;
    const prepare: DigestPreparation = {
      leadMs: 4_000,
      async run(day) {
        calls.push({ day, at: Date.now() });
        await sleep(1_000);
        finished++;
      },
    };
    const started = Date.now();
    const job = startDigestJob(harness.context, { catchUpCron: '0 0 1 1 *', prepare });
    if (!job) throw new Error('no digest job started');
    open.jobs.push(job);
    const post = await harness.fake.waitFor('chat.postMessage', () => true, 15_000);
    expect(finished, 'the digest waited for its preparation').toBeGreaterThan(0);
    expect(String(post.args.text)).toContain(yesterday());
    // After the start (which runs it at once), each digest time runs it, and so does the lead: 4 s before one.
    const ahead = () => calls.filter((call) => call.at > started + 1_000 && call.at % 10_000 >= 5_000 && call.at % 10_000 < 8_000);
    await expect.poll(() => ahead().length, { timeout: 25_000, interval: 200 }).toBeGreaterThan(0);
    expect(calls.every((call) => call.day === yesterday())).toBe(true);
  }, 40_000);
});
