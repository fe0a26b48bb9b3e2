// `smtp-desk serve` as a user runs it: with DIGEST_CHANNEL it schedules the digest (posted once even
// with two replicas on one database); without, one log line says no digest is scheduled.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childDatabaseEnv, openTestStore, type TestStore } from '../support/db.js';
import { cliEntry } from '../support/cli.js';
import { refusingDns } from '../support/fake-dns.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { loadBadFleet } from './bad-fleet.js';

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Starts `smtp-desk serve`; stop() sends SIGTERM and resolves with the exit code and stderr. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [...cliEntry, 'serve'], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), ...refusingDns, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      return { code: await exited, stderr };
    },
  };
}

describe('smtp-desk serve and the digest', () => {
  let store: TestStore;
  let fake: FakeSlack;
  beforeAll(async () => {
    store = await openTestStore();
    await loadBadFleet(store.pool, yesterday());
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
  });

  const slackEnv = () => ({ ...childDatabaseEnv(store), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, PORT: '0' });

  it('two replicas with DIGEST_CHANNEL post one digest between them, and stop cleanly', async () => {
    const env = { ...slackEnv(), DIGEST_CHANNEL: 'C0SERVED', DIGEST_CRON: '* * * * * *' };
    const replicas = [serve(env), serve(env)];
    try {
      await fake.waitFor('chat.postMessage', (call) => call.args.channel === 'C0SERVED', 40_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0SERVED')).toHaveLength(1);
    } finally {
      const results = await Promise.all(replicas.map((replica) => replica.stop()));
      for (const result of results) expect(result.code, result.stderr).toBe(0);
    }
  }, 60_000);

  it('without DIGEST_CHANNEL says in one line that no digest is scheduled', async () => {
    const replica = serve({ ...slackEnv(), LOG_LEVEL: 'info' });
    await expect.poll(() => replica.stderr(), { timeout: 30_000, interval: 200 }).toContain('listening for Slack');
    const { stderr } = await replica.stop();
    expect(stderr.match(/DIGEST_CHANNEL is not set: no daily digest is scheduled/g)).toHaveLength(1);
  }, 60_000);
});
