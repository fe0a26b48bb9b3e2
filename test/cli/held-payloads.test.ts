import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdPayloads } from '../../src/store/dead-letters.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { runCli, tempDir } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { instantlyBounce, lemlistBounce } from '../ingest/fixtures.js';

const token = 'wh-token-0123456789abcdef';

/**
 * The dead-letter flow: a webhook event held at the door, listed by `smtp-desk rejects`, and stored
 * by `rejects --replay` once an adapter reads it.
 *
 * "Once an adapter reads it" is simulated without touching the adapters: beside the event today's
 * Instantly adapter cannot read (no email_account), a lemlist activity is held as an earlier
 * release would have held it, whose lemlist adapter knew only `emailsBounced` (the singular
 * `emailBounced` is what this release learnt). The row is written with the store function the
 * webhook holds payloads with; its stored reason is that earlier adapter's. Today's adapters then
 * read the one and still refuse the other.
 */
describe(`smtp-desk rejects on ${databaseLabel}`, () => {
  let store: TestStore;
  let harness: Harness;
  let cwd: { dir: string; remove: () => Promise<void> };
  const cli = (args: string[]) => runCli(['rejects', ...args], { env: { ...childDatabaseEnv(store), LOG_LEVEL: 'error' }, cwd: cwd.dir });
  const { email_account: _, ...withoutSender } = instantlyBounce({ email_id: 'held-no-sender' });
  const singular = lemlistBounce({ type: 'emailBounced', _id: 'act_singular' });
  const olderReason = 'type: emailBounced is not a bounce this adapter knows (emailsBounced)';
  const storedRows = async () => (await store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_events WHERE external_id = 'act_singular'")).rows[0]!.n;

  beforeAll(async () => {
    store = await openTestStore();
    cwd = await tempDir('smtp-desk-rejects');
    harness = await startApp({ store, env: { WEBHOOK_TOKEN: token } });
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
    await cwd.remove();
  });

  it('says nothing is held on a fresh database', async () => {
    expect(await cli([])).toMatchObject({ code: 0, stdout: 'no webhook payloads are held\n', stderr: '' });
  });

  it('lists a held webhook event with its reason, in the --json contract', async () => {
    const response = await fetch(`${harness.baseUrl}/webhooks/instantly?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(withoutSender) });
    expect(response.status).toBe(200);
    await holdPayloads(store.pool, 'lemlist', [{ payload: singular, reason: olderReason }]);

    const listed = await cli(['--json']);
    expect(listed.code).toBe(0);
    const { held } = JSON.parse(listed.stdout) as { held: { id: number; sequencer: string; received_at: string; reason: string; payload: unknown }[] };
    expect(held.map(({ sequencer, reason, payload }) => ({ sequencer, reason, payload }))).toEqual([
      { sequencer: 'instantly', reason: expect.stringMatching(/^email_account: email_account is absent/), payload: withoutSender },
      { sequencer: 'lemlist', reason: olderReason, payload: singular },
    ]);
    expect(held.every((row) => Number.isInteger(row.id) && !Number.isNaN(Date.parse(row.received_at)))).toBe(true);

    const text = await cli([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^2 webhook payloads held \(smtp-desk rejects --replay stores them once an upgrade reads them\):\n {2}#\d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}instantly: email_account: email_account is absent/);
  });

  it('replays: stores what the adapters read now, exactly once, and keeps the rest held with today\'s reason', async () => {
    const first = await cli(['--replay', '--json']);
    expect(first.code).toBe(3);
    const answer = JSON.parse(first.stdout) as { read: number; stored: number; duplicates: number; still_held: { sequencer: string }[] };
    expect(answer).toMatchObject({ read: 2, stored: 1, duplicates: 0, conflicts: 0, ignored: 0 });
    expect(answer.still_held.map((row) => row.sequencer)).toEqual(['instantly']);
    expect(await storedRows()).toBe(1);

    const second = await cli(['--replay']);
    expect(second.code).toBe(3);
    expect(second.stdout).toMatch(/^replayed 1: stored 0, duplicates 0, conflicts 0, ignored 0, still held 1\nstill held:\n {2}#\d+ .* instantly: email_account: email_account is absent/);
    expect(await storedRows()).toBe(1);

    const listed = JSON.parse((await cli(['--json'])).stdout) as { held: { sequencer: string }[] };
    expect(listed.held.map((row) => row.sequencer)).toEqual(['instantly']);
  });

  it('exits 0 after a replay that leaves nothing held', async () => {
    await store.pool.query("DELETE FROM webhook_dead_letters WHERE sequencer = 'instantly'");
    expect(await cli(['--replay'])).toMatchObject({ code: 0, stdout: 'replayed 0: stored 0, duplicates 0, conflicts 0, ignored 0, still held 0\n' });
  });

  it('exits 2 with the usage for an unknown option', async () => {
    const result = await cli(['--all']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtp-desk rejects: unknown option "--all"\n\nusage: smtp-desk rejects \[--json\]/);
  });
});
