// Faults a user meets when starting smtp-desk: each gives one line naming the cause and exit 1, never
// a stack trace, and `serve` never says it is ready before Slack has accepted the token.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliEntry, runCli, tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, openTestStore, testDatabaseUrl, type TestStore } from '../support/db.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startTcpProxy } from '../digest/tcp-proxy.js';

/** The run printed exactly `line` on stderr, nothing on stdout, and exited 1. */
function expectOneLine(run: CliRun, line: string | RegExp): void {
  expect(run.stderr, run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr.split('\n').filter((text) => text !== '')).toHaveLength(1);
  if (typeof line === 'string') expect(run.stderr).toBe(`${line}\n`);
  else expect(run.stderr).toMatch(line);
  expect(run.code).toBe(1);
}

describe('start-up faults of the database', () => {
  let home: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    home = await tempDir('smtp-desk-faults');
  });
  afterAll(async () => home.remove());

  it('names the address when nothing listens on the DATABASE_URL port', async () => {
    const run = await runCli(['migrate'], { env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/smtp_desk' } });

    expectOneLine(run, 'smtp-desk: cannot connect to the database at 127.0.0.1:1 (connection refused)');
  });

  it.runIf(testDatabaseUrl)('says that the database named in DATABASE_URL does not exist', async () => {
    const url = new URL(testDatabaseUrl!);
    url.pathname = '/smtp_desk_no_such_database';
    const run = await runCli(['migrate'], { env: { DATABASE_URL: url.toString() } });

    expectOneLine(run, `smtp-desk: cannot open the database at ${url.host}: database "smtp_desk_no_such_database" does not exist (check DATABASE_URL)`);
  });

  it.runIf(testDatabaseUrl)('says that the role named in DATABASE_URL does not exist', async () => {
    const url = new URL(testDatabaseUrl!);
    url.username = 'smtp_desk_no_such_role';
    const run = await runCli(['domain', 'example.com'], { env: { DATABASE_URL: url.toString() } });

    expectOneLine(run, `smtp-desk: cannot open the database at ${url.host}: role "smtp_desk_no_such_role" does not exist (check DATABASE_URL)`);
  });

  it('says that SMTP_DESK_DATA_DIR is a file, not a folder', async () => {
    const file = path.join(home.dir, 'plain-file');
    fs.writeFileSync(file, 'not a folder\n');
    const run = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: file } });

    expectOneLine(run, `smtp-desk: cannot use the data folder ${file} (SMTP_DESK_DATA_DIR): it is a file, not a folder`);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('says that SMTP_DESK_DATA_DIR cannot be created where the user may not write', async () => {
    // Root may write anywhere, so a run as root checks this as the unprivileged "nobody".
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-desk-readonly-'));
    fs.chmodSync(parent, 0o555);
    const dataDir = path.join(parent, 'data');
    try {
      const run = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: dataDir }, ...(user ? { user } : {}) });

      expectOneLine(run, `smtp-desk: cannot use the data folder ${dataDir} (SMTP_DESK_DATA_DIR): permission denied`);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('the database lost in the middle of an import', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('stops with one line saying the connection was lost', async () => {
    const target = new URL(childDatabaseEnv(store).DATABASE_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    target.port = String(proxy.port);
    const child = spawn(process.execPath, [...cliEntry, 'import', 'sends', '-'], {
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DATABASE_URL: target.toString() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const rows = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `2026-11-27,inbox${from + i}@lost-import.example,10\n`).join('');
    try {
      child.stdin.write(`day,sending_inbox,sent\n${rows(0, 6_000)}`);
      await expect
        .poll(async () => Number((await store.pool.query('SELECT count(*) AS n FROM daily_sends')).rows[0].n), { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(0);
      await proxy.pause();
      child.stdin.end(rows(6_000, 6_000));
      const code = await exited;

      expectOneLine({ code, stdout: '', stderr }, /^smtp-desk: lost the connection to the database at 127\.0\.0\.1:\d+ \((connection terminated unexpectedly|connection refused)\); what was stored before stays stored; run it again once the database is back\n$/);
      expect(stdout).toBe('');
    } finally {
      child.kill('SIGKILL');
      await proxy.stop();
    }
  }, 90_000);
});

describe('start-up faults of Slack', () => {
  let store: TestStore;
  let fake: FakeSlack;
  beforeAll(async () => {
    store = await openTestStore();
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
  });
  beforeEach(() => fake.reset());

  const slackEnv = (): Record<string, string> => ({
    ...childDatabaseEnv(store),
    SLACK_BOT_TOKEN: 'xoxb-revoked',
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
  });

  it('serve over HTTP with a bot token Slack refuses says so and never says ready', async () => {
    fake.answer('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const run = await runCli(['serve'], { env: { ...slackEnv(), SLACK_SIGNING_SECRET: 'secret' }, timeoutMs: 30_000 });

    expect(run.stdout).not.toContain('ready');
    expectOneLine(run, 'smtp-desk: Slack refused SLACK_BOT_TOKEN (invalid_auth: the token is wrong, revoked or from another workspace)');
  }, 40_000);

  it('serve in Socket Mode with an app token Slack refuses says so and never says ready', async () => {
    fake.answer('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const run = await runCli(['serve'], { env: { ...slackEnv(), SLACK_BOT_TOKEN: 'xoxb-good', SLACK_APP_TOKEN: 'xapp-revoked' }, timeoutMs: 30_000 });

    expect(run.stdout).not.toContain('ready');
    expectOneLine(run, 'smtp-desk: Slack refused SLACK_APP_TOKEN (invalid_auth: the token is wrong, revoked or from another workspace)');
  }, 40_000);
});
