import type { AppContext } from '../../../context.js';
import { decideDomainStatus } from '../../../fleet/decide.js';
import { decisionsFrom, statusAfter, type StatusDecision } from '../../../fleet/lifecycle.js';
import { replacementsFor } from '../../../fleet/reserves.js';
import type { DecisionThread } from '../../../sync/plan.js';
import { decodeDomainButtonValue, type DomainButtonValue } from '../../blocks/domain-buttons.js';
import { alreadyDecidedText, decisionText, rotationBlocks } from '../../blocks/domain-decision.js';
import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import type { MessageLines } from '../../message-lines.js';
import { announceDecision, showDecision, tellClicker, type ButtonArgs } from './show-decision.js';

/** What a decision records as its reason: what the clicker was shown, e.g. `bounce_rate, invalid_rate on 2026-11-27`. */
function reasonFrom(value: DomainButtonValue): string | null {
  if (!value.day) return null;
  const seen = value.rules?.length ? value.rules.join(', ') : (value.verdict ?? 'no finding');
  return `${seen} on ${value.day}`;
}

/** The thread a decision's sync replies go to: the clicked message's (an ephemeral card has none: its channel then). */
function decisionThread(body: ButtonArgs['body']): DecisionThread | null {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!channel) return null;
  const { message } = body;
  if (!message) return { channel, threadTs: null };
  return { channel, threadTs: typeof message.thread_ts === 'string' ? message.thread_ts : message.ts };
}

/**
 * Pull / Mark reserve / Reactivate (runs behind approversOnly, which has acknowledged the click):
 * one guarded status change, shown on the message and recorded in its thread; a pull suggests
 * reserve domains to activate instead. A click that lost a race, or a retried delivery, changes
 * nothing and re-renders who decided.
 */
export function domainDecision(context: AppContext, lines: MessageLines, decision: StatusDecision) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action } = args;
    const value = decodeDomainButtonValue(action.value);
    if (!value || !decisionsFrom[value.from].includes(decision)) {
      await tellClicker(args, context, 'That button does not carry a domain decision I can apply; nothing changed.');
      return;
    }
    const db = context.store.pool;
    const to = statusAfter[decision];
    const result = await decideDomainStatus(context, {
      domain: value.domain,
      to,
      seen: value.from,
      actor: body.user.id,
      source: 'button',
      reason: reasonFrom(value),
      slackActionTs: action.action_ts,
      thread: decisionThread(body),
    }).catch((error: unknown) => {
      context.logger.error(`recording ${decision} of ${value.domain} failed: ${(error as Error).message}`);
      return null;
    });
    if (!result) {
      await tellClicker(args, context, `I could not record the decision on ${escapeMrkdwn(value.domain)} just now; nothing changed. Please try again in a minute.`);
      return;
    }
    if (result.outcome === 'unknown_domain') {
      await tellClicker(args, context, `I no longer know the domain ${escapeMrkdwn(value.domain)}; nothing changed.`);
      return;
    }
    if (result.outcome === 'changed') {
      const text = decisionText({ domain: value.domain, status: to, by: { actor: body.user.id, at: result.at } });
      const rotation = to === 'pulled' ? rotationBlocks(value.domain, await replacementsFor(db, value.domain)) : [];
      await announceDecision(args, context, lines, { domain: value.domain, done: to, text }, rotation);
      return;
    }
    const shown = { domain: value.domain, status: result.status, by: result.last ? { actor: result.last.actor, at: result.last.at } : undefined };
    await showDecision(args, context, lines, value.domain, decisionText(shown));
    if (result.outcome !== 'duplicate') await tellClicker(args, context, alreadyDecidedText(shown, to));
  };
}
