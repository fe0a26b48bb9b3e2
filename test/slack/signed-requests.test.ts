import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { usageBlocks } from '../../src/slack/blocks/usage.js';
import { startApp, testSigningSecret, type Harness } from '../support/app-harness.js';
import { sign, slashCommandFields } from '../support/driver.js';

describe('the HTTP endpoint /slack/events', () => {
  let harness: Harness;
  /** Counts every request that got past the receiver into the app (a global middleware runs before any listener). */
  let reachedTheApp = 0;
  beforeAll(async () => {
    harness = await startApp();
    harness.app.use(async ({ next }) => {
      reachedTheApp += 1;
      await next();
    });
  });
  afterAll(async () => harness.stop());
  beforeEach(() => {
    reachedTheApp = 0;
    harness.fake.reset();
  });

  it('answers a signed /smtp help with the usage, privately', async () => {
    const response = await harness.driver.command('/smtp', 'help');

    expect(response.status).toBe(200);
    expect(response.body?.response_type).toBe('ephemeral');
    const shown = JSON.stringify(response.body?.blocks);
    expect(shown).toContain('/smtp 550 5.7.26');
    expect(shown).toContain('/smtp domain example.com');
    expect(response.body?.blocks).toEqual(usageBlocks());
    expect(response.body?.text).toMatch(/^smtp-desk explains SMTP bounces/);
    expect(reachedTheApp).toBe(1);
  });

  it('rejects a forged signature with 401 before any listener runs', async () => {
    const response = await harness.driver.command('/smtp', 'help', { signingSecret: 'not-the-signing-secret' });

    expect(response.status).toBe(401);
    expect(response.text).not.toContain('/smtp');
    expect(reachedTheApp).toBe(0);
    expect(harness.fake.calls).toEqual([]);
    expect(harness.fake.responses).toEqual([]);
  });

  it('rejects a correctly signed request whose timestamp is older than 5 minutes', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await harness.driver.command('/smtp', 'help', { timestamp: sixMinutesAgo });

    expect(response.status).toBe(401);
    expect(response.text).not.toContain('/smtp');
    expect(reachedTheApp).toBe(0);
    expect(harness.fake.calls).toEqual([]);
  });

  it('rejects a correctly signed request whose timestamp is more than 5 minutes ahead', async () => {
    const sixMinutesAhead = Math.floor(Date.now() / 1000) + 6 * 60;
    const response = await harness.driver.command('/smtp', 'help', { timestamp: sixMinutesAhead });

    expect(response.status).toBe(401);
    expect(response.text).not.toContain('/smtp');
    expect(reachedTheApp).toBe(0);
    expect(harness.fake.calls).toEqual([]);
  });

  it('answers an unknown slash command at once, privately, instead of a 404 after Slack gave up', async () => {
    const response = await harness.driver.command('/frobnicate', 'now');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ response_type: 'ephemeral', text: 'smtp-desk has no /frobnicate command; type /smtp help to see what it does.' });
  });

  it('answers a click on a button it does not know at once, and tells the clicker privately', async () => {
    const response = await harness.driver.click({ action_id: 'retired_button', value: 'x' });

    expect(response.status).toBe(200);
    const told = await harness.fake.waitForResponse();
    expect(told.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'smtp-desk does not know this button (retired_button); it may be from an older message. Type /smtp help to start again.',
    });
  });

  it('rejects a body altered after signing', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = new URLSearchParams(slashCommandFields('/smtp', 'help', harness.fake.responseUrl())).toString();
    const response = await harness.driver.post(
      slashCommandFields('/smtp', 'domain example.com', harness.fake.responseUrl()),
      { timestamp, signature: sign(testSigningSecret, timestamp, signed) },
    );

    expect(response.status).toBe(401);
    expect(reachedTheApp).toBe(0);
  });
});
