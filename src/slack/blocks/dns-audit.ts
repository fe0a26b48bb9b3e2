import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import { couldNotCheck, type DnsAudit, type Finding } from '../../dns/index.js';
import { whole } from '../../health/format.js';
import { blockKitLimits, packBlocks, truncate } from './limits.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

/** The button that posts a domain's DNS card in the channel; its value is the domain. */
export const shareDnsAuditActionId = 'share_dns_audit';

type Shown = 'fail' | 'unknown' | 'warn' | 'pass';

/** How each outcome of a check is shown, most urgent first (the card lists them in this order). */
const shownAs: Record<Shown, { emoji: string; word: string }> = {
  fail: { emoji: ':x:', word: 'fail' },
  unknown: { emoji: ':grey_question:', word: 'could not check' },
  warn: { emoji: ':warning:', word: 'warn' },
  pass: { emoji: ':white_check_mark:', word: 'pass' },
};
const order = Object.keys(shownAs) as Shown[];

export const auditVerdictLabels: Record<DnsAudit['verdict'], { emoji: string; word: string }> = {
  fail: shownAs.fail,
  error: shownAs.unknown,
  warn: shownAs.warn,
  pass: shownAs.pass,
};

const shownOf = (item: Finding): Shown => (couldNotCheck(item) ? 'unknown' : item.severity === 'info' ? 'pass' : item.severity);

/** A record longer than this is cut on the card; `smtp-desk dns --json` prints it whole. */
const recordShown = 600;

/** "2026-12-01 10:03 UTC" */
export const checkedWhen = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const section = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, blockKitLimits.sectionText) } });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, blockKitLimits.contextText) }] });

/** Inside a code block only <, > and & are markup; a backtick run would end it early. */
const codeBlock = (text: string) => `\`\`\`${escapeMrkdwn(truncate(text, recordShown)).replace(/```/g, '`\u200b``')}\`\`\``;

function findingBlock(item: Finding): SectionBlock {
  const label = shownAs[shownOf(item)];
  const lines = [`${label.emoji} *${label.word}* · \`${item.code}\`  ${escapeMrkdwn(item.message)}`];
  if (item.record) lines.push(`*Found:*\n${codeBlock(item.record)}`);
  if (item.fix) lines.push(`*Fix:* ${escapeMrkdwn(item.fix)}`);
  return section(lines.join('\n'));
}

function counts(audit: DnsAudit): string {
  const tally = new Map<Shown, number>();
  for (const item of audit.findings) tally.set(shownOf(item), (tally.get(shownOf(item)) ?? 0) + 1);
  return order.filter((shown) => tally.has(shown)).map((shown) => `${whole(tally.get(shown)!)} ${shownAs[shown].word}`).join(' · ');
}

/** Plain-text summary for notifications and the console fallback. */
export function dnsAuditText(audit: DnsAudit): string {
  return `DNS of ${audit.domain}: ${auditVerdictLabels[audit.verdict].word} (${counts(audit)})`;
}

/**
 * `/smtp dns example.com`: each check as fail / could not check / warn / pass with the record as
 * found and the fix; the passing checks in one block. However many findings a domain has, the card
 * stays within Block Kit's limits: what does not fit is counted, with the command that prints it all.
 * With `sharedBy`, the channel copy without the Share button.
 */
export function dnsAuditBlocks(audit: DnsAudit, opts: { sharedBy?: string } = {}): KnownBlock[] {
  const verdict = auditVerdictLabels[audit.verdict];
  const head: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`DNS · ${audit.domain}`, blockKitLimits.headerText) } },
    section(`${verdict.emoji} *${verdict.word}* · ${counts(audit)} · checked ${checkedWhen(audit.checked_at)}`),
  ];
  const sorted = [...audit.findings].sort((a, b) => order.indexOf(shownOf(a)) - order.indexOf(shownOf(b)));
  const problems = sorted.filter((item) => shownOf(item) !== 'pass');
  const passing = sorted.filter((item) => shownOf(item) === 'pass');
  const footer: KnownBlock[] = [
    ...(passing.length > 0 ? [section(`${shownAs.pass.emoji} *Passing*\n${passing.map((item) => `• \`${item.code}\`  ${escapeMrkdwn(item.message)}`).join('\n')}`)] : []),
    opts.sharedBy !== undefined
      ? context(`Shared by ${mention(truncate(opts.sharedBy, 80))}`)
      : {
          type: 'actions',
          elements: [{ type: 'button', action_id: shareDnsAuditActionId, text: { type: 'plain_text', text: 'Share in channel' }, value: truncate(audit.domain, blockKitLimits.buttonValue) }],
        },
  ];
  const rest = (shown: number) =>
    context(`${whole(problems.length - shown)} more not shown here: \`smtp-desk dns ${escapeMrkdwn(audit.domain)}\` prints every finding.`);
  // Sized with the longest note it can carry, so the real note never tips the card over.
  const packed = packBlocks(problems.map((item) => [findingBlock(item)]), head, [rest(0), ...footer], 0);
  const note = packed.next < problems.length ? [rest(packed.next)] : [];
  return [...packed.blocks, ...note, ...footer];
}
