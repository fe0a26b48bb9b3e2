import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { domainCardBlocks } from '../../blocks/domain-card.js';
import { decisionLine, withDecisionLine } from '../../blocks/domain-decision.js';
import type { AppContext } from '../../../context.js';
import { readDomainCard } from '../../domain-card.js';
import type { MessageLines } from '../../message-lines.js';
import { retrySlack, slackErrorCode } from '../../retry.js';

/** What a button listener (and its middleware) receives. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const reason = (error: unknown) => slackErrorCode(error) ?? (error as Error).message;

/**
 * Shows a decision where the domain's buttons were: `chat.update` of a channel message (only that
 * domain's actions block changes; see MessageLines), or, for an ephemeral card, the card built
 * afresh with the decision in place of its buttons, through its response_url.
 * Retried a few times; a failure is logged and never touches the decision already stored.
 */
export async function showDecision({ body, client, respond }: ButtonArgs, context: AppContext, lines: MessageLines, domain: string, text: string): Promise<void> {
  const line = decisionLine(domain, text);
  const channel = body.channel?.id ?? body.container?.channel_id;
  const { message } = body;
  try {
    if (message && channel) {
      await lines.update({ channel, ts: message.ts }, domain, line, (message.blocks ?? []) as KnownBlock[], (blocks) =>
        retrySlack(() => client.chat.update({ channel, ts: message.ts, text: message.text ?? text, blocks })),
      );
    } else {
      const card = await readDomainCard(context, domain);
      await retrySlack(() => respond({ replace_original: true, text, blocks: withDecisionLine(card ? domainCardBlocks(card) : [], domain, line) }));
    }
  } catch (error) {
    context.logger.warn(`showing the decision on ${domain} in Slack failed: ${reason(error)} (the decision stands)`);
  }
}

/** Records a decision where the team sees it: a thread reply under the message, or an in-channel reply to a card. */
export async function recordDecision({ body, client, respond }: ButtonArgs, context: AppContext, text: string, extra: KnownBlock[] = []): Promise<void> {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }, ...extra];
  const channel = body.channel?.id ?? body.container?.channel_id;
  const { message } = body;
  try {
    if (message && channel) {
      const threadTs = typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
      await retrySlack(() => client.chat.postMessage({ channel, thread_ts: threadTs, text, blocks }));
    } else {
      await retrySlack(() => respond({ response_type: 'in_channel', replace_original: false, text, blocks }));
    }
  } catch (error) {
    context.logger.warn(`recording a domain decision in Slack failed: ${reason(error)} (the decision stands)`);
  }
}

/** A private note to the clicker. */
export async function tellClicker({ respond }: ButtonArgs, context: AppContext, text: string): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    context.logger.warn(`a private reply to a domain button failed: ${reason(error)}`);
  }
}
