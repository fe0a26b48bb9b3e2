import type { ActionsBlock } from '@slack/types';
import { sparkline, type BouncePattern, type DomainDayStats, type DomainVerdict, type Thresholds, type Verdict } from '../../health/index.js';
import { percent, whole } from '../../health/format.js';
import { domainButtons } from './domain-buttons.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** How a verdict is shown: an emoji Slack (and the console) renders, and a word for the ops lead. */
export const verdictLabels: Record<Verdict, { emoji: string; word: string }> = {
  pull: { emoji: ':red_circle:', word: 'Pull' },
  fix: { emoji: ':large_orange_circle:', word: 'Fix' },
  watch: { emoji: ':large_yellow_circle:', word: 'Watch' },
  healthy: { emoji: ':large_green_circle:', word: 'Healthy' },
};

/** The decision tree read in words: where to look, given how the day's bounces spread. */
export function patternWords(pattern: BouncePattern | null, stats: Pick<DomainDayStats, 'bounce_recipient_domains'>): string | null {
  switch (pattern) {
    case 'single_address':
      return 'every bounce went to one address: a list problem, remove that address';
    case 'single_recipient_domain':
      return 'several addresses on one recipient domain: that receiver’s filter; check our reputation with it';
    case 'many_recipient_domains':
      return `many addresses across ${whole(stats.bounce_recipient_domains)} recipient domains: our own infrastructure (DNS, blocklists, volume)`;
    default:
      return null;
  }
}

/** "9.1 % (91 of 1,000 sent)", or "no sends" on a day without any, or the bounces and sends when no rate can be told. */
export function bounceWords(verdict: Pick<DomainVerdict, 'bounce_rate' | 'bounces' | 'sent'>): string {
  if (verdict.bounce_rate === null && verdict.bounces === 0) return 'no sends';
  if (verdict.bounce_rate === null) return `${whole(verdict.bounces)} bounces, ${verdict.sent === 0 ? 'no' : `only ${whole(verdict.sent)}`} sends recorded`;
  return `${percent(verdict.bounce_rate)} bounced (${whole(verdict.bounces)} of ${whole(verdict.sent)} sent)`;
}

/** The 7 days before the digest day and the day itself, as a sparkline against the pull line. */
export function trendWords(stats: Pick<DomainDayStats, 'bounce_rate_trend'>, thresholds: Thresholds): string {
  return `\`${sparkline(stats.bounce_rate_trend, thresholds.bounce_rate_pull)}\``;
}

/** The findings as mrkdwn bullets, most severe first. */
export function findingLines(verdict: Pick<DomainVerdict, 'findings'>): string[] {
  return verdict.findings.map((finding) => `• ${escapeMrkdwn(finding.message)}`);
}

/** The decision buttons for a judged domain: they carry the day, the verdict and the rules that flagged it. */
export function verdictButtons(verdict: DomainVerdict, day: string): ActionsBlock {
  return domainButtons({
    domain: verdict.domain,
    status: verdict.status,
    day,
    findings: verdict.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.message),
    verdict: verdict.verdict,
    rules: verdict.findings.map((finding) => finding.rule),
  });
}
