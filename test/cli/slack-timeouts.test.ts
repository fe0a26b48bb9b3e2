// A Slack that accepts the connection and never answers: every call gives up after its timeout, and
// the verb says so in one line instead of waiting forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv, openTestStore, type TestStore } from '../support/db.js';
import { runCli } from '../support/cli.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { loadBadFleet } from '../digest/bad-fleet.js';

const day = '2026-11-27';

describe('Slack calls that get no answer', () => {
  let store: TestStore;
  let fake: FakeSlack;
  beforeAll(async () => {
    store = await openTestStore();
    await loadBadFleet(store.pool, day);
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
  });

  it('smtp-desk digest gives up on a chat.postMessage Slack never answers, with one line and exit 1', async () => {
    fake.failNext('chat.postMessage', { hang: true }, 100);
    const run = await runCli(['digest', '--date', day], {
      env: { ...childDatabaseEnv(store), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, DIGEST_CHANNEL: 'C0HANGING', LOG_LEVEL: 'error' },
      timeoutMs: 60_000,
    });

    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`smtp-desk digest: the digest for ${day} was not posted: Slack did not answer in time\n`);
    // Not retried: a post that timed out may have landed, and the next run looks for it first.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  }, 70_000);
});
