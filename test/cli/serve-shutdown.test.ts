// SIGTERM stops `smtp-desk serve` within 10 seconds even while a Slack call is being retried, and the
// data folder stays locked until the process has ended.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainButtons } from '../../src/slack/blocks/domain-buttons.js';
import { binPath, runCli, tempDir } from '../support/cli.js';
import { createDriver } from '../support/driver.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

const signingSecret = 'shutdown-signing-secret';
const day = '2026-11-27';

describe('SIGTERM during a retried Slack call', () => {
  let home: { dir: string; remove: () => Promise<void> };
  let fake: FakeSlack;
  beforeAll(async () => {
    home = await tempDir('smtp-desk-shutdown');
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.stop();
    await home.remove();
  });

  it('stops serve within 10 s with exit 0, and frees the data folder only as it ends', async () => {
    const dataDir = path.join(home.dir, 'data');
    const sends = path.join(home.dir, 'sends.csv');
    fs.writeFileSync(sends, `day,sending_inbox,sent\n${day},ana@stuck.example,100\n`);
    const imported = await runCli(['import', 'sends', sends], { env: { SMTP_DESK_DATA_DIR: dataDir }, timeoutMs: 120_000 });
    expect(imported.code, imported.stderr).toBe(0);

    fake.failNext('chat.update', { status: 500 }, 1_000);
    const child = spawn(process.execPath, [binPath, 'serve'], {
      cwd: os.tmpdir(),
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        SMTP_DESK_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        APPROVERS: 'U0TESTUSER',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toMatch(/ready \(HTTP on port \d+\)/);
      const port = /ready \(HTTP on port (\d+)\)/.exec(stdout)![1];
      const driver = createDriver({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret, responseUrl: fake.responseUrl });
      const buttons = domainButtons({ domain: 'stuck.example', status: 'active', day, findings: ['Bounce rate 9.1 % is over 7 %.'], verdict: 'pull', rules: ['bounce_rate'] });
      const message = { ts: '1764230400.000100', text: `Domain health ${day}`, blocks: [buttons] };
      const pull = buttons.elements.find((element) => 'action_id' in element && element.action_id === 'domain_pull');
      const clicked = await driver.click({ action_id: 'domain_pull', block_id: 'domain:stuck.example', value: (pull as { value: string }).value }, { message });
      expect(clicked.status).toBe(200);
      await fake.waitFor('chat.update', () => true, 20_000);
      // Let the Web client get into its back-off between attempts.
      await new Promise((resolve) => setTimeout(resolve, 500));

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      // The lock file goes as the process ends, not while it lives on finishing retries.
      let lockGoneAt: number | undefined;
      const watch = setInterval(() => {
        if (lockGoneAt === undefined && !fs.existsSync(path.join(dataDir, 'smtp-desk.pid'))) lockGoneAt = Date.now();
      }, 10);
      const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
      const exitedAt = Date.now();
      clearInterval(watch);

      expect(code, stderr).toBe(0);
      expect(exitedAt - signalledAt).toBeLessThan(10_000);
      expect(fs.existsSync(path.join(dataDir, 'smtp-desk.pid'))).toBe(false);
      expect(exitedAt - (lockGoneAt ?? exitedAt)).toBeLessThan(1_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 180_000);
});
