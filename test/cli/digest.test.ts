// The digest verb in-process against a test store (and a fake Slack for posting), plus one run of
// the real binary to show the verb is wired into smtp-desk.
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../src/cli/digest.js';
import type { CliIo } from '../../src/cli/io.js';
import { digestDayAt } from '../../src/day.js';
import { defaultThresholds } from '../../src/health/index.js';
import { childDatabaseEnv, openTestStore, type TestStore } from '../support/db.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { runCli } from '../support/cli.js';
import { badDomains, loadBadFleet } from '../digest/bad-fleet.js';
import { snoozeDomain } from '../../src/store/snoozes.js';

const day = '2026-11-27';

function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

describe('smtp-desk digest', () => {
  let store: TestStore;
  let fake: FakeSlack;

  beforeAll(async () => {
    store = await openTestStore();
    await loadBadFleet(store.pool, day);
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
  });

  async function run(argv: string[], env: Record<string, string> = {}) {
    const stdout = collector();
    const stderr = collector();
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { ...childDatabaseEnv(store), LOG_LEVEL: 'error', ...env } };
    const code = await digest(argv, io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('prints exactly the JSON contract with --json: flagged domains only', async () => {
    const result = await run(['--date', day, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { domains: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['date', 'thresholds', 'totals', 'no_data', 'summary', 'domains']);
    expect(json.no_data).toBe(false);
    expect(json.date).toBe(day);
    expect(json.thresholds).toEqual(defaultThresholds);
    expect(Object.keys(json.totals as object)).toEqual(['domains_checked', 'sent', 'bounces', 'bounce_rate']);
    expect(json.totals).toEqual({ domains_checked: 8, sent: 3510, bounces: 53, bounce_rate: 53 / 3510 });
    expect(json.summary).toEqual({ pull: 2, fix: 1, watch: 1, healthy: 4 });
    expect(json.domains.map((d) => d.domain)).toEqual(['bounces.example', 'blocked.example', 'spf.example', 'filter.example']);
    for (const domain of json.domains) {
      expect(Object.keys(domain)).toEqual(['domain', 'status', 'verdict', 'sent', 'bounces', 'bounce_rate', 'complaint_rate', 'invalid_rate', 'pattern', 'findings']);
      const expected = badDomains[domain.domain as keyof typeof badDomains];
      expect(domain.verdict).toBe(expected.verdict);
      const findings = domain.findings as Record<string, unknown>[];
      expect(findings.map((f) => f.rule)).toEqual(expected.rules);
      for (const finding of findings) expect(Object.keys(finding)).toEqual(['rule', 'value', 'threshold', 'severity', 'message']);
    }
    expect(json.domains[0]).toMatchObject({ status: 'active', sent: 500, bounces: 40, bounce_rate: 0.08, invalid_rate: 0.08, complaint_rate: null, pattern: 'many_recipient_domains' });
    expect(json.domains[3]).toMatchObject({ pattern: 'single_recipient_domain' });
  });

  it('lists every judged domain with --all, and honours HEALTH_THRESHOLDS', async () => {
    const all = JSON.parse((await run(['--json', '--all', `--date=${day}`])).stdout) as { domains: { domain: string; verdict: string; findings: { rule: string }[] }[] };
    expect(all.domains).toHaveLength(8);
    expect(all.domains.find((d) => d.domain === 'tiny.example')).toMatchObject({ verdict: 'healthy', findings: [{ rule: 'low_volume' }] });
    expect(all.domains.some((d) => d.domain === 'pulled.example')).toBe(false);
    const strict = JSON.parse((await run(['--json', '--date', day], { HEALTH_THRESHOLDS: '{"bounce_rate_pull": 0.09, "reputation_pull_domains": 4}' })).stdout) as {
      thresholds: { bounce_rate_pull: number };
      summary: Record<string, number>;
    };
    expect(strict.thresholds.bounce_rate_pull).toBe(0.09);
    expect(strict.summary).toEqual({ pull: 0, fix: 2, watch: 2, healthy: 4 });
  });

  it('judges the day that ended last in DIGEST_TZ by default', async () => {
    const json = JSON.parse((await run(['--json'], { DIGEST_TZ: 'Pacific/Kiritimati' })).stdout) as { date: string };
    expect(json.date).toBe(digestDayAt(new Date(), 'Pacific/Kiritimati'));
  });

  it('prints the digest as Slack would show it with --dry-run, and posts nothing', async () => {
    const result = await run(['--date', day, '--dry-run'], { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, DIGEST_CHANNEL: 'C0DIGEST' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Domain health · ${day}`);
    expect(result.stdout).toContain('8 active domains checked · 3,510 sends');
    expect(result.stdout).toContain('🔴 Pull · bounces.example');
    expect(result.stdout).toContain('[1] Pull domain');
    expect(result.stdout).not.toContain('clean-a.example');
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('posts once to DIGEST_CHANNEL; a second run finds it posted and exits 4', async () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, DIGEST_CHANNEL: 'C0DIGEST' };
    const first = await run(['--date', day], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^posted the digest for 2026-11-27 to C0DIGEST \(ts [\d.]+, 0 threaded replies\)\n$/);
    const second = await run(['--date', day], env);
    expect(second.code).toBe(4);
    expect(second.stdout).toContain('is already in C0DIGEST');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args).toMatchObject({ channel: 'C0DIGEST', metadata: { event_type: 'smtp_desk_digest', event_payload: { day } } });
  });

  it('needs a bot token and a channel to post', async () => {
    const noToken = await run(['--date', day]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toBe('smtp-desk digest: set SLACK_BOT_TOKEN to post the digest, or use --dry-run or --json to print it\n');
    const noChannel = await run(['--date', day], { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl });
    expect(noChannel.code).toBe(1);
    expect(noChannel.stderr).toContain('set DIGEST_CHANNEL to post the digest');
  });

  it.each([
    [['--date', '2026-13-01'], '--date must be a day written YYYY-MM-DD, such as 2026-11-27 (got "2026-13-01")'],
    [['--date'], '--date needs a day such as 2026-11-27'],
    [['--bogus'], 'unknown option "--bogus"'],
    [['--all'], '--all only applies to --json'],
    [['yesterday'], 'unexpected argument "yesterday"'],
  ])('exits 2 on %j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`smtp-desk digest: ${message}`);
    expect(result.stderr).toContain('usage: smtp-desk digest');
    expect(result.stdout).toBe('');
  });

  it('takes --dry-run and --json together: prints the JSON and posts nothing, whatever the order', async () => {
    const env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, DIGEST_CHANNEL: 'C0DIGEST' };
    fake.reset();
    for (const argv of [['--dry-run', '--json'], ['--json', '--all', '--dry-run']]) {
      const result = await runCli(['digest', '--date', day, ...argv], { env });
      expect(result.stderr, argv.join(' ')).toBe('');
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as { date: string; summary: Record<string, number> };
      expect(json).toMatchObject({ date: day, summary: { pull: 2, fix: 1, watch: 1, healthy: 4 } });
    }
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('leaves a kept domain out of the message (nothing new since Keep) but not out of the JSON', async () => {
    const kept = await snoozeDomain(store.pool, { domain: 'filter.example', day, days: 3, actor: 'U0LEAD', source: 'cli', verdict: 'watch', rules: ['reputation_block'] });
    expect(kept.outcome).toBe('snoozed');
    const text = (await run(['--date', day, '--dry-run'])).stdout;
    expect(text).not.toContain('Watch · filter.example');
    expect(text).toContain('Kept and not listed until something new happens: 1 (filter.example).');
    const json = JSON.parse((await run(['--date', day, '--json'])).stdout) as { domains: { domain: string }[] };
    expect(json.domains.map((d) => d.domain)).toContain('filter.example');
  });

  it('is a verb of the smtp-desk command', async () => {
    const result = await runCli(['digest', '--date', 'someday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--date must be a day written YYYY-MM-DD');
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^ {2}digest +post the day's domain-health digest/m);
  });
});
