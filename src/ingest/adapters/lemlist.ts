import { z } from 'zod';
import { address, instant, optionalText, text } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * lemlist `emailsBounced` activities (API or webhook; some clients see `emailBounced`):
 * sendUserEmail, leadEmail, errorMessage (only when the activity failed), createdAt, _id, and
 * campaignName, which some payloads give as `name`.
 */
export const lemlistBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'lemlist',
  input: 'jsonl',
  event: { fields: ['type'], values: ['emailsBounced', 'emailBounced'] },
  schema: z
    .object({
      _id: optionalText.optional(),
      createdAt: instant,
      sendUserEmail: address,
      leadEmail: address,
      errorMessage: text.optional(),
      campaignName: optionalText.optional(),
      name: optionalText.optional(),
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
      campaign: activity.campaignName ?? activity.name ?? activity.campaignId ?? null,
      external_id: activity._id ?? null,
    })),
};
