// The Postmaster Tools v2 calls against a local Google: batches of at most 100 domains, pages of at
// most 200 rows followed by nextPageToken, a timeout on every call, and each refusal as one line.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleCredentials, loadConfig } from '../../src/config.js';
import { addDays } from '../../src/day.js';
import { postmasterBatchQuery } from '../../src/ingest/postmaster/client.js';
import { fetchPostmaster } from '../../src/ingest/postmaster/pull.js';
import { startFakeGoogle, type FakeDomainStat, type FakeGoogle } from '../support/fake-google.js';

const credentials = { clientId: 'smtp-desk-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-secret', refreshToken: '1//0g-test-refresh-token' };
const last = '2026-11-27';
const days = Array.from({ length: 60 }, (_, i) => addDays(last, i - 59));
const googleDate = (day: string) => ({ year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) });
const metrics = ['spam_rate', 'spf_success_rate', 'dkim_success_rate', 'dmarc_success_rate'];

describe('Postmaster Tools v2 calls', () => {
  let google: FakeGoogle;
  const domains = Array.from({ length: 130 }, (_, i) => `d${String(i).padStart(3, '0')}.example`);

  beforeAll(async () => {
    // d000 has every metric on 60 days: 240 rows, two pages; d001 one spam rate; the rest nothing.
    const busy: FakeDomainStat[] = days.flatMap((day, i) => metrics.map((metric) => ({ metric, date: googleDate(day), value: { doubleValue: metric === 'spam_rate' ? i / 10_000 : 0.99 } })));
    google = await startFakeGoogle({ ...credentials, stats: { 'd000.example': busy, 'd001.example': [{ metric: 'spam_rate', date: googleDate(last), value: { intValue: '0' } }] } });
  });
  afterAll(async () => google?.close());
  beforeEach(() => google.set({ ...credentials, apiStatus: undefined, apiLatencyMs: undefined, tokenLatencyMs: undefined }));

  const query = (env: Record<string, string> = {}) => {
    const config = loadConfig({ ...google.env, ...env });
    return postmasterBatchQuery(config, googleCredentials(config)!);
  };

  it('asks for at most 100 domains a call, then the next page of the domains that have one', async () => {
    const before = google.batches.length;
    const outcome = await fetchPostmaster(query(), domains, days);
    const batches = google.batches.slice(before);
    expect(batches.map((batch) => batch.requests.length)).toEqual([100, 1, 30]);
    expect(batches[1]!.requests[0]).toMatchObject({ parent: 'domains/d000.example', pageToken: '200', pageSize: 200 });
    expect(google.tokenGrants()).toBeGreaterThan(0);

    const busy = outcome.days.filter((day) => day.sending_domain === 'd000.example');
    expect(busy).toHaveLength(60);
    expect(busy.every((day) => day.reported && day.dmarc_success_rate === 0.99)).toBe(true);
    expect(busy.at(-1)).toMatchObject({ day: last, spam_rate: 0.0059 });
    expect(outcome.days.find((day) => day.sending_domain === 'd001.example' && day.day === last)).toMatchObject({ reported: true, spam_rate: 0, spf_success_rate: null });
    expect(outcome.days.find((day) => day.sending_domain === 'd129.example' && day.day === last)).toMatchObject({ reported: false, spam_rate: null });
    expect(outcome.refused).toEqual([]);
  });

  it('a 403 says what to enable; an API or token endpoint slower than POSTMASTER_TIMEOUT_MS, a wrong client and a closed port say so', async () => {
    google.set({ apiStatus: 403 });
    await expect(fetchPostmaster(query(), ['d001.example'], [last])).rejects.toThrow(
      "Postmaster Tools refused the call (403 PERMISSION_DENIED: fake PERMISSION_DENIED): enable the Gmail Postmaster Tools API in the OAuth client's Google Cloud project, and grant the https://www.googleapis.com/auth/postmaster.traffic.readonly scope when creating the refresh token; nothing was stored",
    );
    google.set({ apiStatus: undefined, apiLatencyMs: 2_000 });
    await expect(fetchPostmaster(query({ POSTMASTER_TIMEOUT_MS: '200' }), ['d001.example'], [last])).rejects.toThrow(
      'Postmaster Tools did not answer within 200 ms (POSTMASTER_TIMEOUT_MS); nothing was stored',
    );
    google.set({ apiLatencyMs: undefined, tokenLatencyMs: 2_000 });
    await expect(fetchPostmaster(query({ POSTMASTER_TIMEOUT_MS: '200' }), ['d001.example'], [last])).rejects.toThrow(
      /^Google's token endpoint \(http:\/\/127\.0\.0\.1:\d+\/token\) did not answer within 200 ms \(POSTMASTER_TIMEOUT_MS\); nothing was stored$/,
    );
    google.set({ tokenLatencyMs: undefined, clientSecret: 'another' });
    await expect(fetchPostmaster(query(), ['d001.example'], [last])).rejects.toThrow(
      /^Google refused the refresh token \(invalid_client: The OAuth client was not found\.\): GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong/,
    );
    google.set({ clientSecret: credentials.clientSecret });
    await expect(fetchPostmaster(query({ POSTMASTER_API_URL: 'http://127.0.0.1:1/v2/' }), ['d001.example'], [last])).rejects.toThrow(
      'cannot reach Postmaster Tools (connection refused); nothing was stored',
    );
  });
});

describe('the Google variables', () => {
  it('go together: one missing is one line naming it', () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: 'x', GOOGLE_CLIENT_SECRET: 'y' })).toThrow(
      'GOOGLE_REFRESH_TOKEN must be set too: Google Postmaster Tools needs GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_REFRESH_TOKEN together (README, Google Postmaster Tools)',
    );
    expect(googleCredentials(loadConfig({}))).toBeNull();
    expect(() => loadConfig({ POSTMASTER_API_URL: 'ftp://x' })).toThrow(/^POSTMASTER_API_URL must be an http\(s\) URL/);
  });
});
