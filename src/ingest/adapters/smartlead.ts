import { z } from 'zod';
import { findCodes } from '../../knowledge/codes.js';
import { address, instant, optionalText, text } from '../fields.js';
import { htmlToText } from '../html-text.js';
import type { Adapter } from './adapter.js';

const holdsCode = (value: string) => findCodes(value).some((mention) => mention.anchored || mention.enhanced !== null);

/**
 * What the receiver said: `bounce_message.text` is a preview that may be cut short, `.html` the
 * whole report. The longer of the two, and the html whenever the preview holds no SMTP code.
 */
function smartleadReply(message: { text: string; html: string } | null | undefined): string {
  const preview = (message?.text ?? '').trim();
  const report = message?.html ? htmlToText(message.html) : '';
  if (report === '') return preview;
  return !holdsCode(preview) || report.length > preview.length ? report : preview;
}

/**
 * Smartlead's EMAIL_BOUNCE webhook: the sender (from_email), the lead (to_email), when
 * (event_timestamp) and the receiver's reply (bounce_message). stats_id identifies the sent email,
 * so a redelivered webhook is the same event. is_sender_originated_bounce marks a bounce the
 * sender's side caused, which does not count against the lead list.
 */
export const smartleadBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'smartlead',
  input: 'jsonl',
  event: { fields: ['event_type'], values: ['EMAIL_BOUNCE'] },
  schema: z
    .object({
      event_timestamp: instant,
      from_email: address,
      to_email: address,
      campaign_name: optionalText.optional(),
      campaign_id: optionalText.optional(),
      stats_id: optionalText.optional(),
      is_sender_originated_bounce: z.boolean({ error: 'is_sender_originated_bounce must be true or false' }).nullish(),
      bounce_message: z.object({ text, html: text }).nullish(),
    })
    .transform((event) => ({
      occurred_at: event.event_timestamp,
      sending_inbox: event.from_email,
      recipient: event.to_email,
      reply_code: null,
      enhanced_code: null,
      diagnostic: smartleadReply(event.bounce_message),
      sequencer: 'smartlead',
      campaign: event.campaign_name ?? event.campaign_id ?? null,
      external_id: event.stats_id ?? null,
      sender_originated: event.is_sender_originated_bounce === true,
    })),
};
