import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { callTool, Refused, RetryLater } from '../../src/sync/http.js';
import { Pace } from '../../src/sync/pace.js';
import { startFakeTool, type FakeTool } from '../support/fake-tool.js';

describe('calls to a sending tool', () => {
  let tool: FakeTool;
  beforeAll(async () => {
    tool = await startFakeTool(() => ({ status: 200, body: { ok: true } }));
  });
  afterAll(async () => tool.stop());

  const call = (pace = new Pace(0), signal = new AbortController().signal) => callTool({ name: 'Smartlead', method: 'GET', url: `${tool.url}/x`, pace, signal });

  it('keeps to the pace: calls in one process are spaced by its interval', async () => {
    const pace = new Pace(60);
    const started = Date.now();
    await Promise.all([call(pace), call(pace), call(pace), call(pace)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('a 429 is RetryLater after Smartlead’s retry_after, and holds the pace that long', async () => {
    tool.failNext({ status: 429, body: { message: 'Rate limit exceeded', retry_after: 0.3 } });
    const pace = new Pace(0);
    const error = await call(pace).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryLater);
    expect(error).toMatchObject({ message: 'Smartlead is rate-limiting smtp-desk (Rate limit exceeded)', afterMs: 300 });
    const started = Date.now();
    await call(pace);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('Retry-After in seconds is read from the header; 5xx is RetryLater without a wait; 401 is Refused with the tool’s words', async () => {
    tool.failNext({ status: 429, body: { statusCode: 429, error: 'Too Many Requests' }, headers: { 'retry-after': '7' } });
    await expect(call()).rejects.toMatchObject({ afterMs: 7000 });
    tool.failNext({ status: 502, body: 'bad gateway' });
    await expect(call()).rejects.toMatchObject({ message: 'Smartlead answered 502 (HTTP 502)', afterMs: null });
    tool.failNext({ status: 401, body: { message: 'Invalid API Key' } });
    const refused = await call().catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Refused);
    expect(refused).toMatchObject({ message: 'Invalid API Key', status: 401 });
  });

  it('a stopping worker drops a call that hangs, as RetryLater at once', async () => {
    tool.failNext({ hang: true });
    const stopping = new AbortController();
    const pending = call(new Pace(0), stopping.signal);
    await tool.waitForCalls(() => true, tool.calls.length + 1);
    stopping.abort();
    await expect(pending).rejects.toMatchObject({ message: 'smtp-desk stopped during the call', afterMs: 0 });
  });

  it('a tool nobody listens at is RetryLater, in words', async () => {
    const gone = await startFakeTool(() => ({ status: 200 }));
    await gone.stop();
    await expect(callTool({ name: 'Instantly', method: 'GET', url: `${gone.url}/x`, pace: new Pace(0), signal: new AbortController().signal })).rejects.toMatchObject({
      message: 'cannot reach Instantly (connection refused)',
    });
  });
});

describe('the sync settings', () => {
  it('want a secret with the decision webhook, and never echo a key', () => {
    expect(() => loadConfig({ DECISION_WEBHOOK_URL: 'https://hooks.example/x' })).toThrow('DECISION_WEBHOOK_SECRET must be set when DECISION_WEBHOOK_URL is (each decision is signed with it)');
    expect(() => loadConfig({ INSTANTLY_API_KEY: 'short' })).toThrow(/^INSTANTLY_API_KEY must be an Instantly API v2 key with the accounts:update scope \(Settings → Integrations → API Keys\)$/);
    expect(() => loadConfig({ SMARTLEAD_API_URL: 'ftp://x' })).toThrow('SMARTLEAD_API_URL must be an http(s) base URL such as https://server.smartlead.ai/api/v1 (got "ftp://x")');
    expect(loadConfig({ INSTANTLY_API_URL: 'http://127.0.0.1:9/api/v2/' }).INSTANTLY_API_URL).toBe('http://127.0.0.1:9/api/v2');
  });
});
