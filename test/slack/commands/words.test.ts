// What /smtp says in words, through the real Bolt app (signed requests, fake Slack): the help names
// the day the digest shows, counts agree with their number, unrecognised text is said to be so, and
// an internationalised domain is found whichever way it is typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertDomains } from '../../../src/store/fleet.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { openTestStore, type TestStore } from '../../support/db.js';

const now = new Date('2026-11-28T09:30:00Z');
const yesterday = '2026-11-27';
const waitMs = 60_000;

describe('the words of /smtp', () => {
  let store: TestStore;
  let harness: Harness;
  beforeAll(async () => {
    store = await openTestStore();
    // One active domain with one send, and a pulled one stored (as import stores it) in ASCII form.
    await upsertDomains(store.pool, [{ domain: 'solo.example', provider: 'google' }, { domain: 'xn--bcher-kva.de', provider: 'google', status: 'pulled' }]);
    await store.pool.query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ($1, 'ana@solo.example', 1), ($1, 'jo@xn--bcher-kva.de', 300)`, [yesterday]);
    harness = await startApp({ store, now: () => now });
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
  });

  it('/smtp help says the digest is yesterday’s, and /smtp digest shows yesterday', async () => {
    const help = await harness.driver.command('/smtp', 'help');
    expect(help.body?.text).toContain("/smtp digest  show yesterday's domain-health digest");
    expect(JSON.stringify(help.body)).not.toMatch(/today/i);

    harness.fake.reset();
    await harness.driver.command('/smtp', 'digest');
    const { body } = await harness.fake.waitForResponse(() => true, waitMs);
    expect(body.text).toMatch(new RegExp(`^Domain health ${yesterday}:`));
  });

  it('counts one active domain and one send in the singular', async () => {
    harness.fake.reset();
    await harness.driver.command('/smtp', 'digest');
    const { body } = await harness.fake.waitForResponse(() => true, waitMs);
    expect(body.text).toBe(`Domain health ${yesterday}: 0 to pull, 0 to fix, 0 to watch of 1 active domain`);
    expect(JSON.stringify(body.blocks)).toContain('*1* active domain checked · *1* send · *0* bounces · bounce rate');
  });

  it('says nothing was recognised in /smtp hello world, in the CLI’s words, before the usage', async () => {
    const response = await harness.driver.command('/smtp', 'hello world');
    expect(response.body?.response_type).toBe('ephemeral');
    expect(response.body?.text).toMatch(/^No SMTP code or known bounce wording found\.\n\nsmtp-desk explains SMTP bounces/);
    const [first] = response.body?.blocks as { text?: { text: string } }[];
    expect(first?.text?.text).toBe('No SMTP code or known bounce wording found.');
  });

  it('/smtp domain finds an internationalised domain typed in Unicode or in ASCII', async () => {
    for (const text of ['domain bücher.de', 'domain BÜCHER.de.', 'domain xn--bcher-kva.de', 'domain <mailto:jo@bücher.de|jo@bücher.de>']) {
      harness.fake.reset();
      await harness.driver.command('/smtp', text);
      const { body } = await harness.fake.waitForResponse(() => true, waitMs);
      expect(body.text, text).toMatch(new RegExp(`^xn--bcher-kva\\.de \\(pulled\\) on ${yesterday}:`));
    }
  });
});
