// The digest's DNS lines end to end: the scheduled job, the real Bolt app's context, a fake Slack,
// a real database, and the demo fleet's zone served by the local DNS server (or a server that
// never answers).
import { afterEach, describe, expect, it } from 'vitest';
import { localDate } from '../../src/day.js';
import { demoDnsZone } from '../../src/demo/dns-zone.js';
import { loadDemoFleet } from '../../src/demo/load.js';
import { finding } from '../../src/dns/findings.js';
import { verdictOf } from '../../src/dns/index.js';
import { startDigestJob, type DigestJob } from '../../src/jobs/digest-job.js';
import { insertDnsAudits, latestDnsAudits } from '../../src/store/dns-audits.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { openTestStore, type TestStore } from '../support/db.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';
import type { RecordedCall } from '../support/fake-slack.js';
import { loadBadFleet } from './bad-fleet.js';

const channel = 'C0DIGEST';
const everySecond = { DIGEST_CHANNEL: channel, DIGEST_CRON: '* * * * * *' };
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const running: { job?: DigestJob; harness?: Harness; dns?: FakeDns; store?: TestStore } = {};
afterEach(async () => {
  await running.job?.stop();
  await running.harness?.stop();
  await running.dns?.close();
  await running.store?.close();
});

/** The text of every section of the posted digest. */
const sections = (call: RecordedCall) => (call.args.blocks as { type: string; text?: { text: string } }[]).filter((block) => block.type === 'section').map((block) => block.text!.text);
const sectionOf = (call: RecordedCall, domain: string) => sections(call).find((text) => text.includes(`· *${domain}* ·`));

async function postedDigest(env: Record<string, string>, store: TestStore): Promise<RecordedCall> {
  running.harness = await startApp({ store, env: { ...everySecond, ...env } });
  running.job = startDigestJob(running.harness.context, { catchUpCron: '0 0 1 1 *' })!;
  return running.harness.fake.waitFor('chat.postMessage', () => true, 20_000);
}

describe('the digest’s DNS lines', () => {
  it('name the DNS finding of each demo domain made to fail authentication or be blocklisted, and list the failing audits', async () => {
    const options = { seed: 3, domains: 60, days: 10, today: localDate(new Date(), 'UTC') };
    running.store = await openTestStore();
    const loaded = await loadDemoFleet(running.store.pool, options);
    running.dns = await startFakeDns(demoDnsZone(options));
    const post = await postedDigest({ DNS_SERVERS: running.dns.server }, running.store);

    const [auth] = loaded.roles.get('auth_failure')!;
    const [blocked] = loaded.roles.get('reputation_block_pull')!;
    const [filtered] = loaded.roles.get('reputation_block_watch')!;
    expect(sectionOf(post, auth!)).toMatch(new RegExp(`\\n_DNS:_ 2 SPF records; DMARC p=none \\(checked .+ UTC; \`/smtp dns ${auth!.replace('.', '\\.')}\` for the fixes\\)`));
    expect(sectionOf(post, blocked!)).toContain('\n_DNS:_ on Spamhaus DBL (checked');
    expect(sectionOf(post, filtered!)).toContain('\n_DNS:_ every record checks out (checked');
    // Domains flagged for anything else get no DNS line.
    const [bounces] = loaded.roles.get('bounce_rate')!;
    expect(sectionOf(post, bounces!)).not.toContain('_DNS:_');
    const failing = sections(post).find((text) => text.includes('failed their last DNS audit'));
    expect(failing).toBe(`:x: *2 active domains failed their last DNS audit:* ${[`*${auth}* (2 SPF records; DMARC p=none)`, `*${blocked}* (on Spamhaus DBL)`].sort().join(', ')}`);
    // The audits the digest ran are kept: the domain card reads the same.
    expect((await latestDnsAudits(running.store.pool, [auth!, blocked!, filtered!])).map((audit) => audit.verdict)).toEqual(
      [[auth, 'fail'], [blocked, 'fail'], [filtered, 'pass']].sort().map(([, verdict]) => verdict),
    );
  }, 90_000);

  it('with a DNS server that never answers: posted on time without the lines, saying they are missing; a fresh stored audit still explains', async () => {
    running.store = await openTestStore();
    await loadBadFleet(running.store.pool, yesterday());
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const spf = [finding('spf_multiple', 'spf.example has 2 SPF records', 'v=spf1 a ~all\nv=spf1 mx ~all', 'Merge them.')];
    const clean = [finding('spf_ok', 'one SPF record')];
    await insertDnsAudits(running.store.pool, [
      { domain: 'spf.example', checked_at: hourAgo, verdict: verdictOf(spf), findings: spf },
      { domain: 'blocked.example', checked_at: twoDaysAgo, verdict: verdictOf(clean), findings: clean },
    ]);
    running.dns = await startFakeDns({}, { silent: true });
    // 60 s a query: only the digest's deadline (DNS_DEADLINE_MS, 1.5 s) lets it post within the wait.
    const post = await postedDigest({ DNS_SERVERS: running.dns.server, DNS_TIMEOUT_MS: '60000', DNS_DEADLINE_MS: '1500' }, running.store);

    expect(running.dns.queries()).toBeGreaterThan(0);
    expect(sectionOf(post, 'spf.example')).toContain('\n_DNS:_ 2 SPF records (checked');
    for (const domain of ['blocked.example', 'filter.example']) {
      expect(sectionOf(post, domain)).toContain('\n_DNS:_ missing: no audit from the last day, and DNS did not answer within 1.5 s');
    }
    expect(sectionOf(post, 'bounces.example')).not.toContain('_DNS:_');
    expect(sections(post)).toContain(
      ':grey_question: DNS lines missing for 2 flagged domains: no audit from the last day, and DNS did not answer within 1.5 s.\n' +
        ':x: *1 active domain failed its last DNS audit:* *spf.example* (2 SPF records)',
    );
    // Nothing DNS left unanswered is stored as the domains' state.
    expect((await latestDnsAudits(running.store.pool, ['blocked.example', 'filter.example'])).map((audit) => audit.checked_at)).toEqual([twoDaysAgo]);
  }, 60_000);
});
