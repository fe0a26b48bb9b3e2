import type { KnownBlock } from '@slack/types';
import { problemSummary, type DnsAudit } from '../../dns/index.js';
import { bounceRateOf, type DomainDayStats, type DomainVerdict, type Thresholds } from '../../health/index.js';
import { percent, whole } from '../../health/format.js';
import { noPostmasterData, postmasterAuthWords } from '../../ingest/postmaster/words.js';
import type { PostmasterDay } from '../../store/postmaster-days.js';
import { auditVerdictLabels, checkedWhen } from './dns-audit.js';
import { bounceWords, findingLines, patternWords, trendWords, verdictButtons, verdictLabels } from './domain-health.js';
import { slackDate } from './domain-decision.js';
import { blockKitLimits, truncate } from './limits.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** One day of a domain's recent history. */
export interface DomainCardDay {
  day: string;
  sent: number;
  bounces: number;
}

export interface DomainCardInput {
  verdict: DomainVerdict;
  stats: DomainDayStats;
  /** The 7 days ending with the card's day, oldest first. */
  week: readonly DomainCardDay[];
  /** When the domain got its current status. */
  statusSince: Date;
  thresholds: Thresholds;
  /** What Google Postmaster Tools reported for the card's day; null when no pull covered it. */
  postmaster: PostmasterDay | null;
  /** The bounces the sequencer itself counted on the card's day (its daily analytics), or null when none was imported. */
  sequencerBounces?: number | null;
  /** The domain's last DNS audit (`smtp-desk dns --all`, `/smtp dns`, the digest), null when it has none. */
  dnsAudit: DnsAudit | null;
  /** The last sync with each sending tool (syncSentence, and when it settled or was queued); none when nothing was carried yet. */
  sync?: readonly { sentence: string; at: Date }[];
}

/** When the sequencer counted more bounces than reached smtp-desk as events: some were lost on the way. */
function missingEventsLine(stats: DomainDayStats, counted: number | null | undefined): string | undefined {
  if (counted == null || counted <= stats.bounces) return undefined;
  return `:warning: The sequencer counted ${whole(counted)} bounces on ${stats.day}; ${whole(stats.bounces)} reached smtp-desk as events. ${whole(counted - stats.bounces)} missing: check the webhook and \`smtp-desk rejects\`.`;
}

const rate = (value: number | null) => (value === null ? 'n/a' : percent(value, 2));
const field = (title: string, body: string) => ({ type: 'mrkdwn' as const, text: truncate(`*${title}*\n${body}`, blockKitLimits.sectionFieldText) });

function weekWords(week: readonly DomainCardDay[]): string {
  const sent = week.reduce((sum, day) => sum + day.sent, 0);
  const bounces = week.reduce((sum, day) => sum + day.bounces, 0);
  const weekRate = bounceRateOf({ sent, bounces });
  return `${whole(sent)} sent · ${whole(bounces)} bounced${weekRate === null ? '' : ` (${percent(weekRate, 2)})`}`;
}

/** The complaint rate; a day Postmaster Tools reported nothing of says so rather than "n/a". */
function complaintWords(complaintRate: number | null, postmaster: PostmasterDay | null): string {
  return complaintRate === null && postmaster?.reported === false ? noPostmasterData : rate(complaintRate);
}

/** The last DNS audit in one line: its verdict, when, and what fails in short; `/smtp dns` has the records and fixes. */
export function dnsAuditLine(domain: string, audit: DnsAudit | null): string {
  const command = `\`/smtp dns ${escapeMrkdwn(domain)}\``;
  if (!audit) return `*DNS:* not audited yet; ${command} checks it now.`;
  const label = auditVerdictLabels[audit.verdict];
  const problems = problemSummary(audit.findings);
  const what = problems !== '' ? `: ${escapeMrkdwn(problems)}` : '';
  return `*DNS:* ${label.emoji} ${label.word} on ${checkedWhen(audit.checked_at)}${what} · ${command} for the records and fixes`;
}

/** Plain-text summary for notifications and the console fallback. */
export function domainCardText({ verdict, stats }: DomainCardInput): string {
  return `${verdict.domain} (${verdict.status}) on ${stats.day}: ${verdictLabels[verdict.verdict].word.toLowerCase()}, ${bounceWords(verdict)}`;
}

/** `/smtp domain example.com`: status, the day's and the week's numbers, the findings and the buttons. */
export function domainCardBlocks(input: DomainCardInput): KnownBlock[] {
  const { verdict, stats, week, statusSince, thresholds, postmaster } = input;
  const label = verdictLabels[verdict.verdict];
  const since = statusSince.toISOString().slice(0, 10);
  const pattern = patternWords(verdict.pattern, stats);
  const findings = findingLines(verdict);
  const missing = missingEventsLine(stats, input.sequencerBounces);
  const lines = [
    ...(findings.length > 0 ? findings : [`No rule flagged it on ${stats.day}.`]),
    ...(pattern ? [`_Where to look:_ ${pattern}`] : []),
    ...(missing ? [missing] : []),
  ];
  return [
    { type: 'header', text: { type: 'plain_text', text: truncate(verdict.domain, blockKitLimits.headerText) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `Status *${verdict.status}* since ${since} · ${stats.day}: ${label.emoji} *${label.word}*` },
      fields: [
        field(stats.day, bounceWords(verdict)),
        field('Last 7 days', weekWords(week)),
        field('Bounce rate, 8 days', trendWords(stats, thresholds)),
        field('Complaint rate', complaintWords(verdict.complaint_rate, postmaster)),
        ...(postmaster?.reported ? [field('Google Postmaster auth', postmasterAuthWords(postmaster))] : []),
        field('Invalid addresses', rate(verdict.invalid_rate)),
        field('Deferrals', `${whole(stats.deferrals)}${stats.throttled_hours > 0 ? ` · throttled for ${whole(stats.throttled_hours)} h` : ''}`),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), blockKitLimits.sectionText) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(dnsAuditLine(verdict.domain, input.dnsAudit), blockKitLimits.sectionText) } },
    verdictButtons(verdict, stats.day),
    ...(input.sync?.length ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(`Last sync: ${input.sync.map((line) => `${escapeMrkdwn(line.sentence)} (${slackDate(line.at)})`).join(' · ')}`, blockKitLimits.contextText) }] }] : []),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Rates are not judged under ${whole(thresholds.min_sends)} sends a day. ${escapeMrkdwn(verdict.domain)} is judged on UTC days.` }],
    },
  ];
}
