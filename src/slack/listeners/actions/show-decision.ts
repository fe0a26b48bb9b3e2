import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { domainCardBlocks } from '../../blocks/domain-card.js';
import { decisionLine, notShownText, withDecisionLine, type Done } from '../../blocks/domain-decision.js';
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
 * Retried a few times; a failure is logged, returned as Slack's reason, and never touches the
 * decision already stored.
 */
export async function showDecision({ body, client, respond }: ButtonArgs, context: AppContext, lines: MessageLines, domain: string, text: string): Promise<string | null> {
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
    return null;
  } catch (error) {
    context.logger.warn(`showing the decision on ${domain} in Slack failed: ${reason(error)} (the decision stands)`);
    return reason(error);
  }
}

/** Records a decision where the team sees it: a thread reply under the message, or an in-channel reply to a card; returns Slack's reason when it failed. */
async function recordDecision({ body, client, respond }: ButtonArgs, context: AppContext, domain: string, text: string, extra: KnownBlock[]): Promise<string | null> {
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
    return null;
  } catch (error) {
    context.logger.warn(`recording the decision on ${domain} in Slack failed: ${reason(error)} (the decision stands)`);
    return reason(error);
  }
}

/**
 * A decision just stored, shown on the message and recorded in its thread (`extra` below the
 * reply). Whatever Slack refuses is told to the clicker privately at once, so no failure goes unseen.
 */
export async function announceDecision(args: ButtonArgs, context: AppContext, lines: MessageLines, decided: { domain: string; done: Done; text: string }, extra: KnownBlock[] = []): Promise<void> {
  const { domain, done, text } = decided;
  const unshown = await showDecision(args, context, lines, domain, text);
  if (unshown) await tellClicker(args, context, notShownText(domain, done, 'update the message', unshown));
  const unrecorded = await recordDecision(args, context, domain, text, extra);
  if (unrecorded) await tellClicker(args, context, notShownText(domain, done, 'post it in the channel', unrecorded));
}

/**
 * A private note to the clicker: through the click's response_url, or, when Slack refuses that
 * (an expired or failing URL), as an ephemeral message in the channel.
 */
export async function tellClicker({ body, client, respond }: ButtonArgs, context: AppContext, text: string): Promise<void> {
  const channel = body.channel?.id ?? body.container?.channel_id;
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    try {
      if (!channel) throw error;
      await client.chat.postEphemeral({ channel, user: body.user.id, text });
    } catch (fallback) {
      context.logger.warn(`a private reply to a domain button failed: ${reason(error)}; ephemeral: ${reason(fallback)} (it said: ${text})`);
    }
  }
}
