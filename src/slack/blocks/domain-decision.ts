import type { ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { DomainStatus } from '../../fleet/lifecycle.js';
import type { DomainRow } from '../../store/fleet.js';
import { encodeDomainButtonValue, domainActionIds } from './domain-buttons.js';
import { blockKitLimits, truncate } from './limits.js';
import { approverMention, escapeMrkdwn, mention } from './mrkdwn.js';

/** The block_id a domain's buttons carry (see domainButtons); the decision line takes its place. */
export const domainBlockId = (domain: string) => truncate(`domain:${domain}`, blockKitLimits.blockId);

/** Slack renders the date in the reader's own time zone; the fallback is UTC. */
export function slackDate(at: Date): string {
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${fallback}>`;
}

const statusVerb: Record<DomainStatus, string> = { pulled: 'Pulled', reserved: 'Marked reserve', active: 'Reactivated' };
const statusEmoji: Record<DomainStatus, string> = { pulled: ':no_entry:', reserved: ':package:', active: ':white_check_mark:' };

export interface DecisionShown {
  domain: string;
  status: DomainStatus;
  /** Who decided and when; absent when the domain was created in this status. */
  by?: { actor: string; at: Date } | undefined;
}

/** "Pulled by @x at …", one line for the message and the thread. */
export function decisionText({ domain, status, by }: DecisionShown): string {
  const name = `*${escapeMrkdwn(domain)}*`;
  if (!by) return `${statusEmoji[status]} ${name} is ${status}.`;
  return `${statusEmoji[status]} ${name}: ${statusVerb[status]} by ${mention(by.actor)} at ${slackDate(by.at)}.`;
}

/** What a click did: a status it decided, or a Keep. */
export type Done = DomainStatus | 'kept';
const doneVerb: Record<Done, string> = { ...statusVerb, kept: 'Kept' };

/** Said privately when a stored decision could not be shown in Slack, e.g. `Pulled *a.com*; I could not update the message: …`. */
export function notShownText(domain: string, done: Done, failed: string, reason: string): string {
  return `${doneVerb[done]} *${escapeMrkdwn(domain)}*; I could not ${failed}: ${escapeMrkdwn(reason)}. The decision stands.`;
}

export function keptText(domain: string, by: { actor: string; at: Date }, untilDay: string): string {
  return `:zzz: *${escapeMrkdwn(domain)}*: Kept by ${mention(by.actor)} at ${slackDate(by.at)}; not listed again before ${untilDay} unless something new comes up.`;
}

/** The answer to a second Keep: the first one stands. */
export function alreadyKeptText(domain: string, by: { actor: string; at: Date }, untilDay: string): string {
  return `*${escapeMrkdwn(domain)}* is already kept until ${untilDay} by ${mention(by.actor)} (kept at ${slackDate(by.at)}); nothing changed.`;
}

/** The context line that replaces the domain's buttons. */
export function decisionLine(domain: string, text: string): ContextBlock {
  return { type: 'context', block_id: domainBlockId(domain), elements: [{ type: 'mrkdwn', text: truncate(text, blockKitLimits.contextText) }] };
}

/** The message's blocks with only `domain`'s actions block replaced by `line` (appended when the message has none). */
export function withDecisionLine(blocks: readonly KnownBlock[], domain: string, line: ContextBlock): KnownBlock[] {
  const id = domainBlockId(domain);
  const index = blocks.findIndex((block) => block.block_id === id);
  if (index === -1) return [...blocks, line];
  return blocks.map((block, i) => (i === index ? line : block));
}

/** Reserve domains to activate in place of a pulled one, each with its Activate button. */
export function rotationBlocks(pulled: string, reserves: readonly DomainRow[]): KnownBlock[] {
  if (reserves.length === 0) {
    return [{ type: 'context', elements: [{ type: 'mrkdwn', text: `No reserve domains to put in place of *${escapeMrkdwn(pulled)}*: mark a warmed spare as reserve to see it here.` }] }];
  }
  const intro: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: `Reserve domains to activate in place of *${escapeMrkdwn(pulled)}* (reserved the longest first):` } };
  return [
    intro,
    ...reserves.map(
      (reserve): SectionBlock => ({
        type: 'section',
        block_id: domainBlockId(reserve.domain),
        text: {
          type: 'mrkdwn',
          text: `*${escapeMrkdwn(reserve.domain)}* · ${reserve.provider ?? 'provider unknown'} · reserved since ${slackDate(reserve.status_changed_at)}`,
        },
        accessory: {
          type: 'button',
          action_id: domainActionIds.reactivate,
          text: { type: 'plain_text', text: 'Activate' },
          style: 'primary',
          value: encodeDomainButtonValue({ domain: reserve.domain, from: 'reserved' }),
        },
      }),
    ),
  ];
}

export function notAllowedText(approvers: readonly string[]): string {
  return `You are not allowed to change sending domains, so nothing changed: ask ${approvers.map(approverMention).join(', ')}.`;
}

export const noApproversText =
  'Nobody may change sending domains yet, so nothing changed: set APPROVERS to the Slack user IDs and user-group IDs allowed to decide (e.g. `APPROVERS=U0123ABCD,S0456EFGH`) and restart smtp-desk.';

/** Why a click changed nothing: someone else decided first, or the domain moved on. */
export function alreadyDecidedText(shown: DecisionShown, wanted: DomainStatus): string {
  const by = shown.by ? ` by ${mention(shown.by.actor)} at ${slackDate(shown.by.at)}` : '';
  const domain = `*${escapeMrkdwn(shown.domain)}*`;
  if (shown.status === wanted) return `${domain} was already ${shown.status}${by}; nothing changed.`;
  return `${domain} is ${shown.status} now${by}, so this button no longer applies; nothing changed.`;
}
