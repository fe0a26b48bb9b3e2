import type { KnownBlock } from '@slack/types';
import { bounceRateOf, type DomainDayStats, type DomainVerdict, type Thresholds } from '../../health/index.js';
import { percent, whole } from '../../health/format.js';
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
  /** The last sync with each sending tool (syncSentence, and when it settled or was queued); none when nothing was carried yet. */
  sync?: readonly { sentence: string; at: Date }[];
}

const rate = (value: number | null) => (value === null ? 'n/a' : percent(value, 2));
const field = (title: string, body: string) => ({ type: 'mrkdwn' as const, text: truncate(`*${title}*\n${body}`, blockKitLimits.sectionFieldText) });

function weekWords(week: readonly DomainCardDay[]): string {
  const sent = week.reduce((sum, day) => sum + day.sent, 0);
  const bounces = week.reduce((sum, day) => sum + day.bounces, 0);
  const weekRate = bounceRateOf({ sent, bounces });
  return `${whole(sent)} sent · ${whole(bounces)} bounced${weekRate === null ? '' : ` (${percent(weekRate, 2)})`}`;
}

/** Plain-text summary for notifications and the console fallback. */
export function domainCardText({ verdict, stats }: DomainCardInput): string {
  return `${verdict.domain} (${verdict.status}) on ${stats.day}: ${verdictLabels[verdict.verdict].word.toLowerCase()}, ${bounceWords(verdict)}`;
}

/** `/smtp domain example.com`: status, the day's and the week's numbers, the findings and the buttons. */
export function domainCardBlocks(input: DomainCardInput): KnownBlock[] {
  const { verdict, stats, week, statusSince, thresholds } = input;
  const label = verdictLabels[verdict.verdict];
  const since = statusSince.toISOString().slice(0, 10);
  const pattern = patternWords(verdict.pattern, stats);
  const findings = findingLines(verdict);
  const lines = [
    ...(findings.length > 0 ? findings : [`No rule flagged it on ${stats.day}.`]),
    ...(pattern ? [`_Where to look:_ ${pattern}`] : []),
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
        field('Complaint rate', rate(verdict.complaint_rate)),
        field('Invalid addresses', rate(verdict.invalid_rate)),
        field('Deferrals', `${whole(stats.deferrals)}${stats.throttled_hours > 0 ? ` · throttled for ${whole(stats.throttled_hours)} h` : ''}`),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), blockKitLimits.sectionText) } },
    verdictButtons(verdict, stats.day),
    ...(input.sync?.length ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(`Last sync: ${input.sync.map((line) => `${escapeMrkdwn(line.sentence)} (${slackDate(line.at)})`).join(' · ')}`, blockKitLimits.contextText) }] }] : []),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Rates are not judged under ${whole(thresholds.min_sends)} sends a day. ${escapeMrkdwn(verdict.domain)} is judged on UTC days.` }],
    },
  ];
}
