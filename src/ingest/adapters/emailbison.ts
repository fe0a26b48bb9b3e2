import { z } from 'zod';
import { address, instant, optionalText, text } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * EmailBison's EMAIL_BOUNCED webhook (shape from public integrations): `event` names the type, and
 * `data` holds the bounce reply (`reply.text_body`), the campaign event (its id and `created_at`),
 * the lead and the sender inbox.
 */
export const emailbisonBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'emailbison',
  input: 'jsonl',
  event: { fields: ['event.type'], values: ['EMAIL_BOUNCED'] },
  schema: z
    .object({
      data: z.object(
        {
          reply: z.object({ text_body: text }).nullish(),
          campaign_event: z.object({ id: optionalText, created_at: instant }, { error: 'the campaign event is required' }),
          campaign: z.object({ id: optionalText.optional(), name: optionalText.optional() }).nullish(),
          lead: z.object({ email: address }, { error: 'the lead is required' }),
          sender_email: z.object({ email: address }, { error: 'the sender inbox is required' }),
        },
        { error: 'data is required' },
      ),
    })
    .transform(({ data }) => ({
      occurred_at: data.campaign_event.created_at,
      sending_inbox: data.sender_email.email,
      recipient: data.lead.email,
      reply_code: null,
      enhanced_code: null,
      diagnostic: (data.reply?.text_body ?? '').trim(),
      sequencer: 'emailbison',
      campaign: data.campaign?.name ?? data.campaign?.id ?? null,
      external_id: data.campaign_event.id,
    })),
};
