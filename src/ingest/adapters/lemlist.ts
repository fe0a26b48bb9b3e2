import { z } from 'zod';
import { address, instant, optionalText, text } from '../fields.js';
import type { Adapter } from './adapter.js';

/** lemlist `emailsBounced` activities (API or webhook): sendUserEmail, leadEmail, errorMessage, createdAt, _id. */
export const lemlistBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'lemlist',
  input: 'jsonl',
  event: { fields: ['type'], value: 'emailsBounced' },
  schema: z
    .object({
      _id: optionalText.optional(),
      createdAt: instant,
      sendUserEmail: address,
      leadEmail: address,
      errorMessage: text.optional(),
      campaignName: optionalText.optional(),
      campaignId: optionalText.optional(),
    })
    .transform((activity) => ({
      occurred_at: activity.createdAt,
      sending_inbox: activity.sendUserEmail,
      recipient: activity.leadEmail,
      reply_code: null,
      enhanced_code: null,
      diagnostic: (activity.errorMessage ?? '').trim(),
      sequencer: 'lemlist',
      campaign: activity.campaignName ?? activity.campaignId ?? null,
      external_id: activity._id ?? null,
    })),
};
