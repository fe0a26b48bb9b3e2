import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';

/** The first start of a data dir runs initdb and loads the demo fleet: tens of seconds on a busy machine. */
const firstStartTimeoutMs = 120_000;

describe('smtp-desk as a user runs it', () => {
  let home: { dir: string; remove: () => Promise<void> };
  /** One embedded data dir for every start here: the first start of a new one runs initdb (seconds). */
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await tempDir('smtp-desk-cli');
    env = { SMTP_DESK_DATA_DIR: path.join(home.dir, 'data') };
  });
  afterAll(async () => home.remove());

  it('refuses a bad variable with exactly one line naming it, before touching the database', async () => {
    const run = await runCli(['serve'], { env: { ...env, PORT: 'abc' }, cwd: home.dir });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('smtp-desk: PORT must be a TCP port number between 0 and 65535 (got "abc")\n');
    expect(fs.existsSync(env.SMTP_DESK_DATA_DIR!)).toBe(false);
  });

  it('runs the local console when no Slack tokens are set, and exits 0 when stdin is empty', async () => {
    const run = await runCli(['serve'], { env, cwd: home.dir, timeoutMs: firstStartTimeoutMs });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The local-mode line is the last thing printed: with no input the console ends at once.
    expect(run.stdout.split('\n').at(-2)).toBe(
      `smtp-desk is running locally (no Slack tokens set) on the embedded database in ${env.SMTP_DESK_DATA_DIR}: type /smtp help, a button number, or exit.`,
    );
  }, firstStartTimeoutMs);

  it('answers /smtp help typed into the console with the usage', async () => {
    const run = await runCli(['serve'], { env, cwd: home.dir, input: '/smtp help\n', timeoutMs: firstStartTimeoutMs });

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('(only you can see this)');
    expect(lines).toContain('smtp-desk explains SMTP bounces for cold-email teams: what the code means, whether to retry, and what to do next.');
    expect(lines).toContain('`/smtp 550 5.7.26`  explain a reply code and enhanced status code');
    expect(lines).toContain('`/smtp help`  show this help');
  }, firstStartTimeoutMs);

  it('rejects an unknown verb with exit code 2 and the usage', async () => {
    const run = await runCli(['frobnicate'], { env, cwd: home.dir });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^smtp-desk: unknown verb "frobnicate"\n\nusage: smtp-desk <verb> \[options\]\n/);
    expect(run.stderr).toMatch(/^ {2}serve +run the Slack bot/m);
    expect(run.stderr).toMatch(/^ {2}migrate +apply pending database migrations/m);
  });

  it('prints the usage on stdout and exits 0 for help', async () => {
    const run = await runCli(['help'], { env, cwd: home.dir });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: smtp-desk <verb> \[options\]\n/);
  });
});
