import { z } from 'zod';
import { address, count, day, domain, enhancedCode, fraction, instant, optionalCount, optionalText, replyCode, text } from '../fields.js';
import type { Adapter } from './adapter.js';

const sequencer = z.preprocess(
  (value) => (value === undefined || value === '' ? 'generic' : typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.string().regex(/^[a-z0-9_-]{1,40}$/, 'sequencer must be 1-40 characters of a-z, 0-9, _ and -'),
);

/** Generic CSV: occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic [, sequencer, campaign, external_id]. */
export const genericBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'generic',
  input: 'csv',
  requiredColumns: ['occurred_at', 'sending_inbox', 'recipient', 'reply_code', 'enhanced_code', 'diagnostic'],
  schema: z.object({
    occurred_at: instant,
    sending_inbox: address,
    recipient: address,
    reply_code: replyCode,
    enhanced_code: enhancedCode,
    diagnostic: text,
    sequencer,
    campaign: optionalText,
    external_id: optionalText,
  }),
};

/** Generic CSV: day, sending_inbox, sent. */
export const genericSends: Adapter<'sends'> = {
  kind: 'sends',
  format: 'generic',
  input: 'csv',
  requiredColumns: ['day', 'sending_inbox', 'sent'],
  schema: z.object({ day, sending_inbox: address, sent: count }),
};

/** Generic CSV: day, sending_domain, and complaints (a count) or spam_rate (a fraction), or both. */
export const genericComplaints: Adapter<'complaints'> = {
  kind: 'complaints',
  format: 'generic',
  input: 'csv',
  requiredColumns: ['day', 'sending_domain'],
  schema: z
    .object({ day, sending_domain: domain, complaints: optionalCount.optional(), spam_rate: fraction.optional() })
    .transform((row) => ({ ...row, complaints: row.complaints ?? null, spam_rate: row.spam_rate ?? null }))
    .refine((row) => row.complaints !== null || row.spam_rate !== null, 'complaints or spam_rate is required'),
};
