import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Explanation } from '../../knowledge/explain.js';
import { actionLabels, categoryLabels, retryLabels } from '../../knowledge/labels.js';
import { providerName } from '../../knowledge/providers.js';
import { codeLabel, otherRecipientLines, whereLine } from '../../knowledge/render.js';
import { sourcesOf } from '../../knowledge/sources.js';
import { blockKitLimits, truncate } from './limits.js';
import { escapeMrkdwn, mention } from './mrkdwn.js';

/** The button that re-posts an explanation in the channel; its value is the original input. */
export const shareExplanationActionId = 'share_explanation';

const retryIcons: Record<Explanation['class'], string> = {
  success: ':white_check_mark:',
  transient: ':hourglass_flowing_sand:',
  permanent: ':no_entry:',
  unknown: ':grey_question:',
};

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, blockKitLimits.sectionText) } };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, blockKitLimits.contextText) }] };
}

function shareButton(input: string): ActionsBlock {
  const value = truncate(input, blockKitLimits.buttonValue);
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: shareExplanationActionId,
        text: { type: 'plain_text', text: 'Share in channel' },
        ...(value.length > 0 ? { value } : {}),
      },
    ],
  };
}

/** A Block Kit card for one explanation; with `sharedBy`, the channel copy without the share button. */
export function explanationBlocks(explanation: Explanation, opts: { sharedBy?: string } = {}): KnownBlock[] {
  const header: HeaderBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncate(`${codeLabel(explanation)} · ${explanation.title}`, blockKitLimits.headerText) },
  };
  const where = whereLine(explanation);
  const blocks: KnownBlock[] = [
    header,
    section(
      `${retryIcons[explanation.class]} *${retryLabels[explanation.class]}*\n` +
        `*Category:* ${categoryLabels[explanation.category]}   *Do:* ${actionLabels[explanation.action]}` +
        (where === null ? '' : `\n${escapeMrkdwn(where)}`),
    ),
    section(`*What it means*\n${escapeMrkdwn(explanation.meaning)}`),
  ];
  if (explanation.provider_meaning !== null) {
    blocks.push(section(`*What ${providerName(explanation.provider) ?? 'the provider'} means by it*\n${escapeMrkdwn(explanation.provider_meaning)}`));
  }
  blocks.push(section(`*For a cold-email sender*\n${escapeMrkdwn(explanation.cold_email)}`));
  if (explanation.next_steps.length > 0) {
    blocks.push(section(`*Next steps*\n${explanation.next_steps.map((step) => `• ${escapeMrkdwn(step)}`).join('\n')}`));
  }
  const others = otherRecipientLines(explanation);
  if (others.length > 0) blocks.push(section(`*Other recipients*\n${others.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`));
  const sources = sourcesOf(explanation);
  blocks.push(context(sources.length > 0 ? `Sources: ${sources.join(' · ')}` : 'Sources: no SMTP code recognised'));
  blocks.push(opts.sharedBy !== undefined ? context(`Shared by ${mention(truncate(opts.sharedBy, 80))}`) : shareButton(explanation.input));
  return blocks;
}

/** The notification text that goes with the card (`text` of chat.postMessage). */
export function explanationText(explanation: Explanation): string {
  return truncate(`${codeLabel(explanation)}: ${explanation.title}. ${retryLabels[explanation.class]}.`, blockKitLimits.sectionText);
}
