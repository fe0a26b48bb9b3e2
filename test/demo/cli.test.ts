import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../src/cli/demo.js';
import { runCli, tempDir } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';

/** Runs the verb in this process (flags are checked before the database is opened). */
async function runDemo(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof out) => new Writable({ write: (chunk, _encoding, done) => ((out[key] += String(chunk)), done()) });
  const code = await demo(argv, { stdin: Readable.from([]), stdout: sink('stdout'), stderr: sink('stderr'), env: {} });
  return { code, ...out };
}

describe('smtp-desk demo flags', () => {
  it.each([
    [['--domains', '0'], /--domains must be at least 1/],
    [['--domains', 'many'], /--domains must be a whole number/],
    [['--days', '91'], /--days must be at most 90/],
    [['--days', '1'], /--days must be at least 2/],
    [['--seed', '-1'], /--seed/],
    [['--today', '2026-02-30'], /--today must be a real calendar date/],
    [['--today', 'yesterday'], /--today must be a date as YYYY-MM-DD/],
    [['--fleet'], /Unknown option '--fleet'/],
    [['40'], /positional argument/],
  ])('exits 2 with the usage on %j', async (args, message) => {
    const run = await runDemo(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: smtp-desk demo');
    expect(run.stdout).toBe('');
  });

  it('prints its usage on --help', async () => {
    const run = await runDemo(['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: smtp-desk demo \[--domains N\]/);
  });

  it('exits 2 from the installed command too', async () => {
    const run = await runCli(['demo', '--domains', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^smtp-desk demo: --domains must be at least 1 \(got "0"\)/);
  });
});

describe(`smtp-desk demo on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('loads the fleet, prints the summary and the rule → domain mapping, and adds nothing the second time', async () => {
    const args = ['demo', '--domains', '20', '--days', '9', '--seed', '5', '--today', '2026-11-28'];
    const env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error' };
    const run = await runCli(args, { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Demo fleet \(seed 5\): 20 domains \(.+\), [\d,]+ inboxes, 9 days 2026-11-19 … 2026-11-27 \(UTC\)\./);
    expect(run.stdout).toMatch(/New in the database: 20 domains, [\d,]+ inboxes/);
    expect(run.stdout).toContain('Domains made to break rules in the digest of 2026-11-27');
    for (const rule of ['bounce_rate', 'complaint_rate', 'invalid_rate', 'reputation_block', 'spike_554', 'auth_failure', 'persistent_421', 'low_volume']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${rule} \\(.+ → [a-z0-9.-]+\\.[a-z]+`, 'm'));
    }
    expect(run.stdout).toMatch(/^ {2}reserved .+ → \S+, \S+, \S+$/m);

    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('New in the database: nothing (this fleet was loaded before).');
  }, 120_000);
});

describe('smtp-desk serve in local mode, first start', () => {
  let data: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    data = await tempDir('smtp-desk-demo-first-run');
  });
  afterAll(async () => {
    await data.remove();
  });

  it('loads the demo fleet once, on an empty embedded database, and says so in one line', async () => {
    const env = { SMTP_DESK_DATA_DIR: data.dir, LOG_LEVEL: 'error' };
    const demoLine = /^Loaded a demo fleet of 40 domains so \/smtp digest has something to show/gm;
    const first = await runCli(['serve'], { env, input: '/smtp help\n', timeoutMs: 120_000 });
    expect(first.code).toBe(0);
    expect(first.stdout.match(demoLine)).toHaveLength(1);
    expect(first.stdout).toContain('smtp-desk is running locally');

    const second = await runCli(['serve'], { env, input: '/smtp help\n', timeoutMs: 120_000 });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(demoLine);
    expect(second.stdout).toContain('smtp-desk is running locally');
  }, 240_000);
});
