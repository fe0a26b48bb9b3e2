import { z } from 'zod';
import { address, instant, optionalText } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * Smartlead's EMAIL_BOUNCE webhook: the sender (from_email), the lead (to_email), when
 * (event_timestamp) and the receiver's reply (bounce_message.text, else its html). stats_id
 * identifies the sent email, so a redelivered webhook is the same event.
 */
export const smartleadBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'smartlead',
  input: 'jsonl',
  event: { fields: ['event_type'], value: 'EMAIL_BOUNCE' },
  schema: z
    .object({
      event_timestamp: instant,
      from_email: address,
      to_email: address,
      campaign_name: optionalText.optional(),
      campaign_id: optionalText.optional(),
      stats_id: optionalText.optional(),
      bounce_message: z
        .object({ text: z.string().nullish(), html: z.string().nullish() })
        .nullish(),
    })
    .transform((event) => ({
      occurred_at: event.event_timestamp,
      sending_inbox: event.from_email,
      recipient: event.to_email,
      reply_code: null,
      enhanced_code: null,
      diagnostic: (event.bounce_message?.text || event.bounce_message?.html || '').trim(),
      sequencer: 'smartlead',
      campaign: event.campaign_name ?? event.campaign_id ?? null,
      external_id: event.stats_id ?? null,
    })),
};
