// `smtp-desk postmaster pull` against a local Google (token endpoint and Postmaster Tools v2 on
// 127.0.0.1): what it stores is what the next digest judges; Google's refusals are one line each.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { computeDigest } from '../../src/digest/digest.js';
import { defaultThresholds } from '../../src/health/thresholds.js';
import { runCli, tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeGoogle, type FakeDomainStat, type FakeGoogle } from '../support/fake-google.js';
import { collector } from '../support/streams.js';

const day = '2026-11-27';
const date = { year: 2026, month: 11, day: 27 };
const stat = (metric: string, doubleValue: number): FakeDomainStat => ({ metric, date, value: { doubleValue } });
const credentials = { clientId: 'smtp-desk-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-secret', refreshToken: '1//0g-test-refresh-token' };

describe(`smtp-desk postmaster pull on ${databaseLabel}`, () => {
  let store: TestStore;
  let google: FakeGoogle;
  let tmp: { dir: string; remove: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore();
    tmp = await tempDir('smtp-desk-postmaster');
    google = await startFakeGoogle({
      ...credentials,
      stats: {
        'hot.example': [stat('spam_rate', 0.0062), stat('spf_success_rate', 1), stat('dkim_success_rate', 0.985), stat('dmarc_success_rate', 0.97)],
        'calm.example': [stat('spam_rate', 0.0004), stat('spf_success_rate', 1), stat('dkim_success_rate', 1), stat('dmarc_success_rate', 1)],
      },
      unverified: ['stranger.example'],
    });
    env = { ...childDatabaseEnv(store), ...google.env, LOG_LEVEL: 'error', SMTP_DESK_DATA_DIR: tmp.dir };
    // Each domain sent enough that its rates are judged.
    await store.pool.query(
      `INSERT INTO daily_sends (day, sending_inbox, sent)
       SELECT $1::date, 'ana@' || d, 400 FROM unnest($2::text[]) AS d`,
      [day, ['hot.example', 'calm.example', 'quiet.example', 'stranger.example']],
    );
  });
  afterAll(async () => {
    await google?.close();
    await store?.close();
    await tmp?.remove();
  });
  beforeEach(() => google.set({ ...credentials, apiStatus: undefined }));

  const pull = (args: string[], extra: Record<string, string> = {}): Promise<CliRun> => runCli(['postmaster', 'pull', ...args], { env: { ...env, ...extra }, cwd: tmp.dir });

  it('fills the reported spam rates the next digest judges, says which domains Google has no data for, names the refused ones', async () => {
    const result = await pull(['--date', day]);
    expect(result.stdout.split('\n')).toEqual([
      `calm.example ${day}: spam rate 0.04 % · SPF 100 % · DKIM 100 % · DMARC 100 %`,
      `hot.example ${day}: spam rate 0.62 % · SPF 100 % · DKIM 98.5 % · DMARC 97 %`,
      `quiet.example ${day}: no Postmaster data: under Google's volume floor`,
      `Postmaster Tools, ${day}: 4 active domains, 2 days reported, 1 day without data, 1 domain refused`,
      '',
    ]);
    expect(result.stderr).toBe(
      'smtp-desk postmaster: stranger.example: Postmaster Tools refused it (403 PERMISSION_DENIED: The caller does not have permission for domains/stranger.example.): ' +
        'the Google account of GOOGLE_REFRESH_TOKEN must have verified the domain in Postmaster Tools\n',
    );
    expect(result.code).toBe(3);

    const digest = await computeDigest(store.pool, day, defaultThresholds);
    const hot = digest.flagged.find((flagged) => flagged.verdict.domain === 'hot.example');
    expect(hot?.verdict.findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['complaint_rate', 'Spam complaint rate 0.6 % (as reported by the mailbox provider) is over the 0.3 % pull line'],
    ]);
    expect(digest.flagged.map((flagged) => flagged.verdict.domain)).toEqual(['hot.example']);

    const [batch] = google.batches;
    expect(batch?.requests.map((request) => request.parent).sort()).toEqual(['domains/calm.example', 'domains/hot.example', 'domains/quiet.example', 'domains/stranger.example']);
    expect(batch?.requests[0]).toMatchObject({
      metricDefinitions: [
        { name: 'spam_rate', baseMetric: { standardMetric: 'SPAM_RATE' } },
        { name: 'spf_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "spf"' },
        { name: 'dkim_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "dkim"' },
        { name: 'dmarc_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "dmarc"' },
      ],
      timeQuery: { dateList: { dates: [date] } },
      aggregationGranularity: 'DAILY',
      pageSize: 200,
    });
  });

  it('a refused refresh token is one line and exit 1, nothing stored', async () => {
    google.set({ refreshToken: 'another-token' });
    const before = google.batches.length;
    const result = await pull(['--date', day]);
    expect(result.stderr).toBe(
      "smtp-desk postmaster: Google refused the refresh token (invalid_grant: Token has been expired or revoked.): the refresh token was revoked, has expired (a consent screen in Testing gives tokens for 7 days) or belongs to another client; create a new GOOGLE_REFRESH_TOKEN\n",
    );
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
    expect(google.batches.length).toBe(before);
  });

  it('a 429 from Postmaster Tools is one line and exit 1', async () => {
    google.set({ apiStatus: 429 });
    const result = await pull(['--date', day]);
    expect(result.stderr).toBe(
      'smtp-desk postmaster: Postmaster Tools refused the call (429 RESOURCE_EXHAUSTED: fake RESOURCE_EXHAUSTED): Google is rate-limiting smtp-desk; try again in a few minutes; nothing was stored\n',
    );
    expect(result.code).toBe(1);
  });

  it('refuses wrong arguments with the usage (exit 2), and says how to set Google up when it is not (exit 1)', async () => {
    const inProcess = async (argv: string[], extra: Record<string, string>) => {
      const stdout = collector();
      const stderr = collector();
      const stdin = new PassThrough();
      stdin.end();
      const code = await main(['postmaster', ...argv], { stdin, stdout, stderr, env: { ...childDatabaseEnv(store), LOG_LEVEL: 'error', SMTP_DESK_DATA_DIR: tmp.dir, ...extra } });
      return { code, stderr: stderr.text() };
    };
    const usage: [string[], string][] = [
      [[], 'say what to do: pull'],
      [['fetch'], 'unknown action "fetch": the action is pull'],
      [['pull', '--days', '0'], '--days must be a whole number of days from 1 to 120 (got "0")'],
      [['pull', '--date', '27.11.2026'], '--date must be a day written YYYY-MM-DD, such as 2026-11-27 (got "27.11.2026")'],
      [['pull', '--date', '2099-01-01'], '--date 2099-01-01 is more than a day in the future'],
      [['pull', '--all'], 'unknown option "--all"'],
    ];
    for (const [argv, says] of usage) {
      const result = await inProcess(argv, google.env);
      expect(result.stderr.split('\n')[0], argv.join(' ')).toBe(`smtp-desk postmaster: ${says}`);
      expect(result.stderr).toContain('usage: smtp-desk postmaster pull [--date YYYY-MM-DD] [--days N]');
      expect(result.code, argv.join(' ')).toBe(2);
    }
    const unset = await inProcess(['pull'], {});
    expect(unset.stderr).toBe(
      'smtp-desk postmaster: Google Postmaster Tools is not set up: set GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_REFRESH_TOKEN (README, Google Postmaster Tools)\n',
    );
    expect(unset.code).toBe(1);
  });
});
