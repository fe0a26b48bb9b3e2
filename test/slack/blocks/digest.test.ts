import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/digest.js';
import { defaultThresholds, judgeFleet, sparkline, type DomainDayStats } from '../../../src/health/index.js';
import { digestMessages, type DigestMessage } from '../../../src/slack/blocks/digest.js';
import { decodeDomainButtonValue } from '../../../src/slack/blocks/domain-buttons.js';
import { blockKitViolations } from '../../../src/slack/blocks/limits.js';
import { dayStats } from '../../health/day-stats.js';
import { domainsToExplain } from '../../../src/digest/dns.js';
import { finding } from '../../../src/dns/findings.js';
import type { DnsAudit } from '../../../src/dns/index.js';

const day = '2026-11-27';

/** A digest as computeDigest builds it, from stats made up for the test. */
function digestOf(stats: DomainDayStats[], extra: Partial<Digest> = {}): Digest {
  const report = judgeFleet(stats, defaultThresholds);
  const byDomain = new Map(stats.map((s) => [s.domain, s]));
  return {
    day,
    thresholds: defaultThresholds,
    report,
    noData: report.totals.sent === 0 && report.totals.bounces === 0,
    flagged: report.domains.filter((v) => v.verdict !== 'healthy').map((verdict) => ({ verdict, stats: byDomain.get(verdict.domain)! })),
    kept: [],
    statusCounts: { active: stats.length, pulled: 2, reserved: 3 },
    statusChanges: { changes: [], total: 0 },
    ...extra,
  };
}

/** Every kind of trouble, with long domain names so the messages fill up. */
function troubled(i: number): DomainDayStats {
  const domain = `outreach-${String(i).padStart(5, '0')}-${'x'.repeat(40)}.example`;
  switch (i % 4) {
    case 0:
      return dayStats({ domain, bounces: 120, invalid: 80, bounce_recipients: 2, bounce_recipient_domains: 9, bounce_rate_trend: [0, 0.01, 0.02, 0.03, 0.05, 0.06, 0.08, 0.12] });
    case 1:
      return dayStats({ domain, bounces: 30, reputation_blocks: 30, reputation_recipient_domains: 3, bounce_recipients: 2, bounce_recipient_domains: 3, auth_failures: { spf: 12, dkim: 3, dmarc: 0, ptr: 0, multiple: 1 } });
    case 2:
      return dayStats({ domain, deferrals: 400, throttled_hours: 30, c554: 40, c554_trailing: [1, 0, 2, 1, 0, 1, 1] });
    default:
      return dayStats({ domain, bounces: 4, bounce_recipients: 1, bounce_recipient_domains: 1, reputation_blocks: 2, reputation_recipient_domains: 1 });
  }
}

/** The domains a message lists, in order, from the buttons' block ids. */
const listed = (message: DigestMessage) =>
  message.blocks.filter((block) => block.type === 'actions').map((block) => String(block.block_id).slice('domain:'.length));

const allText = (message: DigestMessage) => JSON.stringify(message.blocks);

/** A failing audit with every kind of long finding, as the digest's DNS lines get it. */
function failingAudit(domain: string): DnsAudit {
  const findings = [
    finding('spf_multiple', `${domain} has 2 SPF records`, 'v=spf1 a ~all\nv=spf1 mx ~all', 'Merge them.'),
    finding('dmarc_policy_none', 'DMARC p=none', null, 'Move on.'),
    ...Array.from({ length: 8 }, (_, i) => finding('blocklisted', `${domain} is listed on list${i}.${'y'.repeat(60)}.test: spam`, null, 'Clean up.')),
  ];
  return { domain, checked_at: '2026-11-28T06:00:00.000Z', verdict: 'fail', findings };
}

describe('digest blocks', () => {
  it('with DNS lines for 5,000 flagged domains, some missing, and 300 failing audits: every message within limits, each line where it belongs', () => {
    const stats = Array.from({ length: 5000 }, (_, i) => troubled(i));
    const base = digestOf(stats);
    const explained = domainsToExplain(base.flagged);
    expect(explained.length).toBeGreaterThan(2000);
    const audits = new Map(explained.map((domain, i) => [domain, i % 3 === 0 ? null : failingAudit(domain)]));
    const failing = explained.slice(0, 10).map(failingAudit);
    const digest = { ...base, dns: { explained: audits, deadlineMs: 10_000, failing: { audits: failing, total: 300 } } };
    const { main, replies } = digestMessages(digest);
    for (const message of [main, ...replies]) expect(blockKitViolations(message.blocks)).toEqual([]);
    expect([main, ...replies].flatMap(listed)).toEqual(digest.flagged.map((entry) => entry.verdict.domain));
    const text = allText(main);
    expect(text).toContain(`DNS lines missing for ${[...audits.values()].filter((audit) => audit === null).length.toLocaleString('en-US')} flagged domains: no audit from the last day, and DNS did not answer within 10 s.`);
    expect(text).toContain(`:x: *300 active domains failed their last DNS audit (10 named here):* *${explained[0]}* (2 SPF records; on list0.`);
    expect(text).toContain(`*${explained[1]}* (2 SPF records; on list0.${'y'.repeat(60)}.test; on list1.${'y'.repeat(60)}.test; on list2.${'y'.repeat(60)}.test and 6 more)`);
    const sections = [main, ...replies].flatMap((message) => message.blocks).filter((block) => block.type === 'section').map((block) => (block as { text: { text: string } }).text.text);
    const entryOf = (domain: string) => sections.find((section) => section.includes(`· *${domain}* ·`))!;
    expect(entryOf(explained[0]!)).toContain('_DNS:_ missing: no audit from the last day, and DNS did not answer within 10 s');
    expect(entryOf(explained[1]!)).toContain(`_DNS:_ 2 SPF records; on list0.${'y'.repeat(60)}.test; on list1.${'y'.repeat(60)}.test; on list2.${'y'.repeat(60)}.test and 6 more (checked 2026-11-28 06:00 UTC;`);
    const unexplained = digest.flagged.map((entry) => entry.verdict.domain).find((domain) => !audits.has(domain))!;
    expect(entryOf(unexplained)).not.toContain('_DNS:_');
  });

  it('with 5,000 flagged domains: the most severe on top, the rest in threaded replies, every message within limits', () => {
    const stats = Array.from({ length: 5000 }, (_, i) => troubled(i));
    const digest = digestOf(stats);
    const { main, replies } = digestMessages(digest);
    for (const message of [main, ...replies]) expect(blockKitViolations(message.blocks)).toEqual([]);
    expect(replies.length).toBeGreaterThan(100);
    const order = digest.flagged.map((entry) => entry.verdict.domain);
    expect([main, ...replies].flatMap(listed)).toEqual(order);
    const shown = listed(main).length;
    expect(shown).toBeGreaterThan(0);
    expect(allText(main)).toContain(`Showing the ${shown} most severe of 5,000 flagged domains; the other ${(5000 - shown).toLocaleString('en-US')} follow in this thread.`);
    expect(digest.flagged[0]!.verdict.verdict).toBe('pull');
    expect(replies[0]!.blocks[0]).toMatchObject({ type: 'context' });
    expect(allText(replies.at(-1)!)).toContain(`part ${replies.length.toLocaleString('en-US')} of ${replies.length.toLocaleString('en-US')}`);
    expect(allText(digestMessages(digest, 'below').main)).toContain(`the other ${(5000 - shown).toLocaleString('en-US')} follow below.`);
    expect(main.text).toMatch(/^Domain health 2026-11-27: [\d,]+ to pull, [\d,]+ to fix, [\d,]+ to watch of 5,000 active domains$/);
  });

  it('shows the totals, the low-volume minimum, status counts and changes, and each finding with its trend, pattern and buttons', () => {
    const bad = dayStats({ domain: 'bad.example', bounces: 91, bounce_recipients: 2, bounce_recipient_domains: 7, bounce_rate_trend: [0, 0, 0.01, 0.02, 0.02, 0.04, 0.05, 0.091] });
    const list = dayStats({ domain: 'list.example', sent: 100, bounces: 5, invalid: 5, bounce_recipients: 1, bounce_recipient_domains: 1 });
    const receiver = dayStats({ domain: 'receiver.example', bounces: 3, reputation_blocks: 3, reputation_recipient_domains: 1, bounce_recipients: 2, bounce_recipient_domains: 1 });
    const quiet = dayStats({ domain: 'quiet.example', sent: 10, bounces: 5, bounce_recipients: 2, bounce_recipient_domains: 2 });
    const digest = digestOf([bad, list, receiver, quiet, dayStats({ domain: 'fine.example' })], {
      statusChanges: {
        changes: [{ domain: 'gone.example', from_status: 'active', to_status: 'pulled', actor: 'U0ABCDEF', at: new Date('2026-11-27T10:00:00Z'), reason: 'bounce rate 9 % > 7 %' }],
        total: 12,
      },
      kept: ['kept.example'],
    });
    const { main, replies } = digestMessages(digest);
    expect(replies).toEqual([]);
    expect(blockKitViolations(main.blocks)).toEqual([]);
    const text = allText(main);
    expect(main.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Domain health · 2026-11-27' } });
    expect(text).toContain('*5* active domains checked · *3,110* sends · *104* bounces · bounce rate *3.34 %*');
    expect(text).toContain(':red_circle: 1 pull · :large_orange_circle: 1 fix · :large_yellow_circle: 1 watch · :zzz: 1 kept · :large_green_circle: 2 healthy');
    expect(text).toContain('not judged under 50 sends a day');
    expect(text).toContain('Domains: 5 active · 2 pulled · 3 reserved.');
    expect(text).toContain('Kept and not listed until something new happens: 1 (kept.example)');
    expect(text).toContain('*gone.example* active → pulled by <@U0ABCDEF> (bounce rate 9 % &gt; 7 %)');
    expect(text).toContain('…and 11 more');
    expect(listed(main)).toEqual(['bad.example', 'list.example', 'receiver.example']);
    expect(text).toContain(`\`${sparkline(bad.bounce_rate_trend)}\``);
    expect(text).toContain('is over the 7 % pull line');
    expect(text).toContain('many addresses across 7 recipient domains: our own infrastructure');
    expect(text).toContain('every bounce went to one address: a list problem');
    expect(text).toContain('several addresses on one recipient domain: that receiver’s filter');
    expect(text).not.toContain('quiet.example');
    const buttons = main.blocks.find((block) => block.type === 'actions' && block.block_id === 'domain:bad.example');
    const value = decodeDomainButtonValue((buttons as { elements: { value: string }[] }).elements[0]!.value);
    expect(value).toEqual({ domain: 'bad.example', from: 'active', day, verdict: 'pull', rules: ['bounce_rate'] });
  });

  it('says when nothing needs a decision', () => {
    const { main, replies } = digestMessages(digestOf([dayStats({ domain: 'fine.example' })]));
    expect(replies).toEqual([]);
    expect(allText(main)).toContain('Nothing to decide today');
    expect(blockKitViolations(main.blocks)).toEqual([]);
  });
});
