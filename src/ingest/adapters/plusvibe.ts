import { z } from 'zod';
import { address, instant, optionalText, text } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * PlusVibe's BOUNCED_EMAIL webhook: sender_email, lead_email, date, msg (the whole bounce report).
 * It carries no id of the event (its webhook_id names the webhook), so the event is known by its
 * content: time, sender, recipient and report, like any event without an external id.
 */
export const plusvibeBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'plusvibe',
  input: 'jsonl',
  event: { fields: ['webhook_event'], values: ['BOUNCED_EMAIL'] },
  schema: z
    .object({
      date: instant,
      sender_email: address,
      lead_email: address,
      msg: text.optional(),
      campaign_name: optionalText.optional(),
      camp_id: optionalText.optional(),
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
      external_id: null,
    })),
};
