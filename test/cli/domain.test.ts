import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domain } from '../../src/cli/domain.js';
import type { CliIo } from '../../src/cli/io.js';
import { domainButtons } from '../../src/slack/blocks/domain-buttons.js';
import { domainHistory, getDomain, upsertDomains } from '../../src/store/fleet.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { runCli, tempDir } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeInstantly } from '../support/fake-instantly.js';
import { instantlyKey, startTestWorker, syncConfig } from '../support/sync.js';

const approver = { id: 'U0APPROVER', username: 'ana', name: 'ana' };

describe(`smtp-desk domain on ${databaseLabel}`, () => {
  let store: TestStore;
  let harness: Harness;
  let cwd: { dir: string; remove: () => Promise<void> };
  const cli = (args: string[]) => runCli(['domain', ...args], { env: { ...childDatabaseEnv(store), LOG_LEVEL: 'error' }, cwd: cwd.dir });
  /** The last complete UTC day: the domain verb's 7 days end with it (DIGEST_TZ is UTC here). */
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    store = await openTestStore();
    cwd = await tempDir('smtp-desk-domain');
    harness = await startApp({ store, env: { APPROVERS: approver.id } });
    await upsertDomains(store.pool, [{ domain: 'burnt.example', provider: 'google' }]);
    await store.pool.query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ($1, 'ana@burnt.example', 200)`, [yesterday]);
    await store.pool.query(`INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code) VALUES (($1 || 'T12:00:00Z')::timestamptz, 'ana@burnt.example', 'x@r.example', 550)`, [yesterday]);
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
    await cwd.remove();
  });

  it('shows a domain pulled from a Slack button as pulled, with who pulled it, in the --json contract', async () => {
    const buttons = domainButtons({ domain: 'burnt.example', status: 'active', day: yesterday, verdict: 'pull', rules: ['bounce_rate'] });
    const pull = buttons.elements.find((element) => element.type === 'button' && element.action_id === 'domain_pull');
    const message = { ts: '1764230400.000100', text: 'digest', blocks: [buttons] };
    await harness.driver.click({ action_id: 'domain_pull', block_id: buttons.block_id!, value: pull?.type === 'button' ? pull.value! : '' }, { user: approver, message });
    await harness.fake.waitFor('chat.postMessage');

    const run = await cli(['burnt.example', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['domain', 'status', 'history', 'days', 'sync']);
    expect(shown.sync).toEqual([]);
    expect(shown).toMatchObject({ domain: 'burnt.example', status: 'pulled' });
    expect(shown.history).toEqual([
      { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), actor: approver.id, from: 'active', to: 'pulled', reason: `bounce_rate on ${yesterday}`, source: 'button' },
    ]);
    const days = shown.days as Record<string, unknown>[];
    expect(days).toHaveLength(7);
    expect(days.every((day) => Object.keys(day).join() === 'day,sent,bounces,bounce_rate')).toBe(true);
    expect(days.at(-1)).toEqual({ day: yesterday, sent: 200, bounces: 1, bounce_rate: 0.005 });
  });

  it('sets a status the guarded way: exit 0 when changed, 4 when already so; history oldest first', async () => {
    const changed = await cli(['BURNT.example', '--set', 'active', '--actor', 'alice', '--reason', 'new DNS records']);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/^burnt\.example: pulled → active \(by alice at /);
    const again = await cli(['burnt.example', '--set', 'active', '--actor', 'bob']);
    expect(again.code).toBe(4);
    expect(again.stdout).toMatch(/^burnt\.example is already active \(by alice at .*\); nothing changed/);

    expect(await getDomain(store.pool, 'burnt.example')).toMatchObject({ status: 'active' });
    expect((await domainHistory(store.pool, 'burnt.example')).map((row) => [row.actor, row.to_status, row.source])).toEqual([
      ['alice', 'active', 'cli'],
      [approver.id, 'pulled', 'button'],
    ]);
    const text = await cli(['burnt.example']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^burnt\.example: active since .* · provider google/);
    const history = text.stdout.split('\n').filter((line) => line.includes(' → '));
    expect(history).toHaveLength(2);
    expect(history[0]).toContain(`active → pulled  by ${approver.id} (button)`);
    expect(history[1]).toContain('pulled → active  by alice (cli)  new DNS records');
  });

  it('refuses the change the buttons refuse: a reserved domain is reactivated, never pulled (exit 4, nothing changed)', async () => {
    await upsertDomains(store.pool, [{ domain: 'spare.example', provider: 'google', status: 'reserved' }]);
    const refused = await cli(['spare.example', '--set', 'pulled', '--actor', 'alice']);
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim()).toBe('smtp-desk domain: spare.example is reserved, and a reserved domain can be set active, not pulled (as on the Slack buttons); nothing changed');
    expect(await getDomain(store.pool, 'spare.example')).toMatchObject({ status: 'reserved' });
    expect(await domainHistory(store.pool, 'spare.example')).toEqual([]);

    const reactivated = await cli(['spare.example', '--set', 'active', '--actor', 'alice']);
    expect(reactivated.code).toBe(0);
    expect(reactivated.stdout).toMatch(/^spare\.example: reserved → active \(by alice at /);
  });

  it('a --set pull is queued for the configured tools without waiting for them; --json shows its sync pending, then done', async () => {
    const instantly = await startFakeInstantly({ apiKey: instantlyKey, accounts: [{ email: 'a@queued.example', status: 1 }, { email: 'b@queued.example', status: 1 }] });
    const env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error', INSTANTLY_API_KEY: instantlyKey, INSTANTLY_API_URL: instantly.apiUrl };
    const run = (args: string[]) => runCli(['domain', ...args], { env, cwd: cwd.dir });
    await upsertDomains(store.pool, [{ domain: 'queued.example' }]);
    try {
      const set = await run(['queued.example', '--set', 'pulled', '--actor', 'alice']);
      expect(set.code, set.stderr).toBe(0);
      expect(set.stdout.split('\n')[1]).toBe('queued for Instantly (pause): smtp-desk serve carries it there; smtp-desk domain queued.example shows how it went');
      expect(instantly.calls).toEqual([]);
      const pending = JSON.parse((await run(['queued.example', '--json'])).stdout) as { sync: unknown[] };
      expect(pending.sync).toEqual([{ tool: 'instantly', action: 'pause', state: 'pending', inboxes: [], error: null, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);

      const worker = startTestWorker(store, syncConfig({ instantly: instantly.apiUrl }));
      await worker.waitForSaid((said) => said.row.domain === 'queued.example');
      await worker.stop();
      const done = await run(['queued.example']);
      expect(done.stdout).toMatch(/Sending tools \(the last decision in each\):\n {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}Paused 2 inboxes of queued\.example in Instantly\n/);
      const json = JSON.parse((await run(['queued.example', '--json'])).stdout) as { sync: unknown[] };
      expect(json.sync).toEqual([{ tool: 'instantly', action: 'pause', state: 'done', inboxes: ['a@queued.example', 'b@queued.example'], error: null, at: expect.any(String) }]);
    } finally {
      await instantly.stop();
    }
  });

  it('finds an internationalised domain typed in Unicode, as import stored it in ASCII', async () => {
    const csv = path.join(cwd.dir, 'idn-sends.csv');
    await fs.writeFile(csv, `day,sending_inbox,sent\n${yesterday},jo@Bücher.de,120\n`);
    const imported = await runCli(['import', 'sends', csv], { env: { ...childDatabaseEnv(store), LOG_LEVEL: 'error' }, cwd: cwd.dir });
    expect(imported.code, imported.stderr).toBe(0);

    const shown = await cli(['bücher.de', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const json = JSON.parse(shown.stdout) as { domain: string; days: { day: string; sent: number }[] };
    expect(json.domain).toBe('xn--bcher-kva.de');
    expect(json.days.find((day) => day.day === yesterday)).toMatchObject({ sent: 120 });
  });

  it('says so when the domain is unknown (exit 1) and rejects bad usage (exit 2)', async () => {
    const unknown = await cli(['nowhere.example', '--json']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no sending domain "nowhere.example"');
    // Usage errors are caught before the database is opened: run the verb in-process.
    for (const args of [[], ['burnt.example', '--set', 'burnt', '--actor', 'alice'], ['burnt.example', '--set', 'pulled'], ['burnt.example', '--set', 'pulled', '--actor', 'a', '--json'], ['a.example', 'b.example'], ['']]) {
      let stderr = '';
      const io: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new Writable({ write: (chunk: Buffer, _encoding, done) => { stderr += String(chunk); done(); } }), env: {} };
      expect(await domain(args, io), args.join(' ')).toBe(2);
      expect(stderr).toContain('usage: smtp-desk domain <domain>');
    }
    expect(await getDomain(store.pool, 'burnt.example')).toMatchObject({ status: 'active' });
  });
});
