import { explain } from '../../../knowledge/explain.js';
import { explanationBlocks, explanationText } from '../../blocks/explanation.js';
import type { AppContext } from '../../../context.js';
import { slackErrorCode } from '../../retry.js';
import type { ButtonArgs } from './show-decision.js';

const cannotPost: Record<string, string> = {
  not_in_channel: 'I can’t post in this channel yet: invite me with `/invite @smtp-desk`, then share again.',
  channel_not_found: 'I can’t see this conversation, so I can’t share the card here.',
  is_archived: 'This channel is archived, so the card can’t be shared here.',
};

/** Posts the explanation card to the channel, saying who shared it; the button value is the original input. */
export function shareExplanation(context: AppContext) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const explanation = explain(action.value ?? '');
    if (!channel) return;
    try {
      await client.chat.postMessage({
        channel,
        text: explanationText(explanation),
        blocks: explanationBlocks(explanation, { sharedBy: body.user.id }),
      });
    } catch (error) {
      const code = slackErrorCode(error);
      context.logger.warn(`sharing an explanation in ${channel} failed: ${code ?? (error as Error).message}`);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: (code && cannotPost[code]) ?? 'Slack did not accept the shared card; please try again in a moment.',
      });
    }
  };
}
