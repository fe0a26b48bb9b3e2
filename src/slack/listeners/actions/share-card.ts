import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../../context.js';
import { slackErrorCode } from '../../retry.js';
import type { ButtonArgs } from './show-decision.js';

const cannotPost: Record<string, string> = {
  not_in_channel: 'I can’t post in this channel yet: invite me with `/invite @smtp-desk`, then share again.',
  channel_not_found: 'I can’t see this conversation, so I can’t share the card here.',
  is_archived: 'This channel is archived, so the card can’t be shared here.',
};

/** The channel copy of a private card, or what to tell the clicker privately when there is none to share. */
export type SharedCard = { text: string; blocks: KnownBlock[] } | { refused: string };

/**
 * A Share button on a private card: acknowledges the click, builds the channel copy from the button
 * value (Slack sends no blocks with a click on an ephemeral card) saying who shared it, and posts it;
 * what stops it is told to the clicker privately.
 */
export function shareCard(context: AppContext, what: string, cardOf: (value: string, sharedBy: string) => SharedCard | Promise<SharedCard>) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!channel) return;
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    let card: SharedCard;
    try {
      card = await cardOf(action.value ?? '', body.user.id);
    } catch (error) {
      context.logger.error(`building the shared ${what} for ${channel} failed: ${(error as Error).message}`);
      await tell('I could not build the card to share just now; please try again in a minute.');
      return;
    }
    if ('refused' in card) {
      await tell(card.refused);
      return;
    }
    try {
      await client.chat.postMessage({ channel, text: card.text, blocks: card.blocks });
    } catch (error) {
      const code = slackErrorCode(error);
      context.logger.warn(`sharing ${what} in ${channel} failed: ${code ?? (error as Error).message}`);
      await tell((code && cannotPost[code]) ?? 'Slack did not accept the shared card; please try again in a moment.');
    }
  };
}
