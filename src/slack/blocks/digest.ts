import type { KnownBlock } from '@slack/types';
import type { Digest, FlaggedDomain } from '../../digest/digest.js';
import type { DigestDns } from '../../digest/dns.js';
import { problemSummary, seconds } from '../../dns/index.js';
import { count, percent, plural, whole } from '../../health/format.js';
import type { Verdict } from '../../health/index.js';
import type { StatusChangeSummary } from '../../store/fleet-status.js';
import { checkedWhen } from './dns-audit.js';
import { bounceWords, findingLines, patternWords, trendWords, verdictButtons, verdictLabels } from './domain-health.js';
import { blockKitLimits, packBlocks, truncate } from './limits.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

export interface DigestMessage {
  /** Notification and fallback text. */
  text: string;
  blocks: KnownBlock[];
}

/** The digest as Slack gets it: one message, and the flagged domains that did not fit as threaded replies. */
export interface DigestMessages {
  main: DigestMessage;
  replies: DigestMessage[];
}


const mrkdwn = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, blockKitLimits.sectionText) },
});

const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, blockKitLimits.contextText) }] });

type Shown = Verdict | 'kept';
const shownLabels: Record<Shown, { emoji: string; word: string }> = { ...verdictLabels, kept: { emoji: ':zzz:', word: 'Kept' } };

/**
 * What the message counts is what it lists: the flagged domains by verdict, the kept ones apart
 * (judged, but left out until something new happens) and the healthy ones.
 */
function shownCounts({ report, flagged, kept }: Digest): Record<Shown, number> {
  const counts: Record<Shown, number> = { pull: 0, fix: 0, watch: 0, kept: kept.length, healthy: report.summary.healthy };
  for (const entry of flagged) counts[entry.verdict.verdict] += 1;
  return counts;
}

function totalsBlock(digest: Digest): KnownBlock {
  const { totals } = digest.report;
  const summary = shownCounts(digest);
  const left = totals.missing_sends;
  const leftOut = left === 0 ? '' : ` (leaving out ${count(left, 'domain')} with fewer sends than bounces)`;
  const rate = totals.bounce_rate === null ? 'no sends' : percent(totals.bounce_rate, 2);
  const shown: Shown[] = ['pull', 'fix', 'watch', ...(summary.kept > 0 ? ['kept' as const] : []), 'healthy'];
  const counts = shown.map((verdict) => `${shownLabels[verdict].emoji} ${whole(summary[verdict])} ${shownLabels[verdict].word.toLowerCase()}`);
  return mrkdwn(
    `*${whole(totals.domains_checked)}* ${plural(totals.domains_checked, 'active domain')} checked · *${whole(totals.sent)}* ${plural(totals.sent, 'send')} · *${whole(totals.bounces)}* ${plural(totals.bounces, 'bounce')} · bounce rate *${rate}*${leftOut}\n` +
      counts.join(' · '),
  );
}

/** How many kept domains the digest names; the rest are counted. */
const keptShown = 5;

function fleetContext({ thresholds, statusCounts, kept }: Digest): KnownBlock {
  const names = kept.slice(0, keptShown).map(escapeMrkdwn).join(', ') + (kept.length > keptShown ? ', …' : '');
  return context(
    `Rates (bounce, complaint, invalid) are not judged under ${whole(thresholds.min_sends)} sends a day. ` +
      `Domains: ${whole(statusCounts.active)} active · ${whole(statusCounts.pulled)} pulled · ${whole(statusCounts.reserved)} reserved.` +
      (kept.length > 0 ? ` Kept and not listed until something new happens: ${whole(kept.length)} (${names}).` : ''),
  );
}

function changeLine(change: StatusChangeSummary): string {
  const reason = change.reason ? ` (${escapeMrkdwn(change.reason)})` : '';
  return `• *${escapeMrkdwn(change.domain)}* ${change.from_status ?? '?'} → ${change.to_status} by ${mention(change.actor)}${reason}`;
}

function statusChangesBlock({ day, statusChanges }: Digest): KnownBlock | null {
  if (statusChanges.total === 0) return null;
  const more = statusChanges.total - statusChanges.changes.length;
  const lines = [`*Status changes since ${day}*`, ...statusChanges.changes.map(changeLine), ...(more > 0 ? [`…and ${whole(more)} more`] : [])];
  return mrkdwn(lines.join('\n'));
}

/** What DNS says about a flagged domain the digest asked it about; null for the others. */
function dnsLine(domain: string, dns: DigestDns | undefined): string | null {
  const audit = dns?.explained.get(domain);
  if (!dns || audit === undefined) return null;
  if (audit === null) return `_DNS:_ missing: no audit from the last day, and DNS did not answer within ${seconds(dns.deadlineMs)}`;
  const problems = problemSummary(audit.findings);
  const when = `checked ${checkedWhen(audit.checked_at)}`;
  return problems !== ''
    ? `_DNS:_ ${escapeMrkdwn(problems)} (${when}; \`/smtp dns ${escapeMrkdwn(domain)}\` for the fixes)`
    : `_DNS:_ every record checks out (${when}): look at how the sending service signs and sends`;
}

/** How many flagged domains have no DNS line, and the active domains whose last audit failed. */
function dnsBlock(dns: DigestDns | undefined): KnownBlock | null {
  if (!dns) return null;
  const lines: string[] = [];
  const missing = [...dns.explained.values()].filter((audit) => audit === null).length;
  if (missing > 0) lines.push(`:grey_question: DNS lines missing for ${count(missing, 'flagged domain')}: no audit from the last day, and DNS did not answer within ${seconds(dns.deadlineMs)}.`);
  const { audits, total } = dns.failing;
  if (total > 0) {
    const named = audits.map((audit) => `*${escapeMrkdwn(audit.domain)}* (${escapeMrkdwn(problemSummary(audit.findings))})`);
    // The count comes first, so a long list cut at the section limit never loses it.
    const some = total > audits.length ? ` (${whole(audits.length)} named here)` : '';
    lines.push(`:x: *${count(total, 'active domain')} failed ${total === 1 ? 'its' : 'their'} last DNS audit${some}:* ${named.join(', ')}`);
  }
  return lines.length > 0 ? mrkdwn(lines.join('\n')) : null;
}

/** One flagged domain: the verdict, the numbers, the findings in words, where to look, and the buttons. */
export function flaggedDomainBlocks({ verdict, stats }: FlaggedDomain, digest: Pick<Digest, 'day' | 'thresholds' | 'dns'>): KnownBlock[] {
  const label = verdictLabels[verdict.verdict];
  const pattern = patternWords(verdict.pattern, stats);
  const dns = dnsLine(verdict.domain, digest.dns);
  const lines = [
    `${label.emoji} *${label.word}* · *${escapeMrkdwn(verdict.domain)}* · ${bounceWords(verdict)} · 8 days ${trendWords(stats, digest.thresholds)}`,
    ...findingLines(verdict),
    ...(dns ? [dns] : []),
    ...(pattern ? [`_Where to look:_ ${pattern}`] : []),
  ];
  return [
    mrkdwn(lines.join('\n')),
    verdictButtons(verdict, digest.day),
  ];
}

/**
 * The digest message and its threaded replies, each within Block Kit's limits: the totals, the
 * status of the fleet and the most severe flagged domains on top; when not all fit, the message says
 * how many more follow (in the thread when posted, below when shown to one person) and the replies
 * carry the rest, in the same order.
 */
export function digestMessages(digest: Digest, overflowWhere: 'in this thread' | 'below' = 'in this thread'): DigestMessages {
  const { day, report, flagged } = digest;
  const summary = shownCounts(digest);
  const nothingRecorded = digest.noData && flagged.length === 0;
  const text = nothingRecorded
    ? `Domain health ${day}: no sends or bounces were recorded`
    : `Domain health ${day}: ${whole(summary.pull)} to pull, ${whole(summary.fix)} to fix, ${whole(summary.watch)} to watch` +
      `${summary.kept > 0 ? `, ${whole(summary.kept)} kept` : ''} ` +
      `of ${count(report.totals.domains_checked, 'active domain')}`;
  const changes = statusChangesBlock(digest);
  const dns = dnsBlock(digest.dns);
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Domain health · ${day}` } },
    totalsBlock(digest),
    fleetContext(digest),
    ...(changes ? [changes] : []),
    ...(dns ? [dns] : []),
    { type: 'divider' },
  ];
  if (nothingRecorded) {
    const line = `No sends or bounces were recorded for ${day}, so no domain was judged: check that the imports or sequencer webhooks ran.`;
    return { main: { text, blocks: [...head, mrkdwn(line)] }, replies: [] };
  }
  if (flagged.length === 0) {
    return { main: { text, blocks: [...head, mrkdwn('Nothing to decide today: every active domain is within the lines.')] }, replies: [] };
  }
  const chunks = flagged.map((entry) => flaggedDomainBlocks(entry, digest));
  const overflowNote = (shown: number) =>
    context(`Showing the ${whole(shown)} most severe of ${whole(flagged.length)} flagged domains; the other ${whole(flagged.length - shown)} follow ${overflowWhere}.`);
  // Sized with the largest numbers the note can hold, so the real note never tips the message over.
  const main = packBlocks(chunks, head, [overflowNote(flagged.length)], 0);
  if (main.next === chunks.length) return { main: { text, blocks: main.blocks }, replies: [] };

  const parts: KnownBlock[][] = [];
  const partHead = (part: number, of: number) => [context(`Domain health · ${day} · continued, part ${whole(part)} of ${whole(of)}`)];
  for (let next = main.next; next < chunks.length; ) {
    const reply = packBlocks(chunks, partHead(flagged.length, flagged.length), [], next);
    if (reply.next === next) throw new Error(`the digest entry of ${flagged[next]!.verdict.domain} does not fit in a message`);
    parts.push(reply.blocks.slice(1));
    next = reply.next;
  }
  return {
    main: { text, blocks: [...main.blocks, overflowNote(main.next)] },
    replies: parts.map((blocks, i) => ({
      text: `Domain health ${day}, continued (${i + 1} of ${parts.length})`,
      blocks: [...partHead(i + 1, parts.length), ...blocks],
    })),
  };
}
