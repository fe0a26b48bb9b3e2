import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

/** The fake must look like Slack to Slack's own client, or every test built on it proves little. */
describe('the fake Slack, seen by the real WebClient', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 }, logLevel: webApi.LogLevel.ERROR });
  });
  afterAll(async () => fake.stop());
  beforeEach(() => fake.reset());

  it('records the token and the decoded arguments, and answers chat.postMessage with increasing ts', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const first = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again' });

    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'hi', blocks } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    const call = await fake.waitFor('chat.postMessage', (recorded) => recorded.args.text === 'hi');
    expect(call.token).toBe('xoxb-test');
    expect(call.args.blocks).toEqual(blocks);
  });

  it("answers auth.test with the bot's identity", async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U0SMTPBOT', bot_id: 'B0SMTPBOT', team_id: 'T0FAKETEAM' });
  });

  it('fails a method as told: a Slack error, then success', async () => {
    fake.failNext('chat.update', { error: 'message_not_found' });

    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({ data: { ok: false, error: 'message_not_found' } });
    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).resolves.toMatchObject({ ok: true, ts: '1.000001' });
  });

  it('rate-limits with 429 and Retry-After, which the client waits out and retries', async () => {
    fake.failNext('chat.postMessage', { rateLimitedFor: 1 }, 1);
    const started = Date.now();

    await expect(client.chat.postMessage({ channel: 'C1', text: 'later' })).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers HTTP 5xx N times, then succeeds', async () => {
    fake.failNext('conversations.info', { status: 503 }, 2);

    await expect(client.conversations.info({ channel: 'C9' })).resolves.toMatchObject({ ok: true, channel: { id: 'C9' } });
    expect(fake.callsTo('conversations.info')).toHaveLength(3);
  });

  it('records what is POSTed to a response_url', async () => {
    const url = fake.responseUrl();
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'done', replace_original: true }) });

    const response = await fake.waitForResponse();
    expect(url.endsWith(`/response/${response.id}`)).toBe(true);
    expect(response.body).toEqual({ text: 'done', replace_original: true });
  });

  it('refuses apps.connections.open with a bot token, as Slack does', async () => {
    await expect(client.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });
});
