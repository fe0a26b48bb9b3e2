import { z } from 'zod';
import { address, instant, optionalText, text } from '../fields.js';
import type { Adapter } from './adapter.js';

/** PlusVibe's BOUNCED_EMAIL webhook: sender_email, lead_email, date, msg (the receiver's reply). */
export const plusvibeBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'plusvibe',
  input: 'jsonl',
  event: { fields: ['webhook_event', 'event_type', 'event'], value: 'BOUNCED_EMAIL' },
  schema: z
    .object({
      date: instant,
      sender_email: address,
      lead_email: address,
      msg: text.optional(),
      campaign_name: optionalText.optional(),
      camp_id: optionalText.optional(),
      message_id: optionalText.optional(),
    })
    .transform((event) => ({
      occurred_at: event.date,
      sending_inbox: event.sender_email,
      recipient: event.lead_email,
      reply_code: null,
      enhanced_code: null,
      diagnostic: (event.msg ?? '').trim(),
      sequencer: 'plusvibe',
      campaign: event.campaign_name ?? event.camp_id ?? null,
      external_id: event.message_id ?? null,
    })),
};
