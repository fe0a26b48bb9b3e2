import { z } from 'zod';
import { address, count, day, instant, optionalText } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * Instantly's daily account analytics (CSV: date, email_account, sent, bounced, opened …): one row
 * per inbox and day; only `sent` is kept (its `bounced` carries no reply, bounces come from events).
 */
export const instantlySends: Adapter<'sends'> = {
  kind: 'sends',
  format: 'instantly',
  input: 'csv',
  requiredColumns: ['date', 'email_account', 'sent'],
  schema: z
    .object({ date: day, email_account: address, sent: count })
    .transform((row) => ({ day: row.date, sending_inbox: row.email_account, sent: row.sent })),
};

/**
 * Instantly's `email_bounced` webhook: timestamp, email_account (the sender), lead_email,
 * campaign_name. It carries no reply text, so the event is stored without codes (category unknown).
 */
export const instantlyBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'instantly',
  input: 'jsonl',
  event: { fields: ['event_type'], value: 'email_bounced' },
  schema: z
    .object({
      timestamp: instant,
      email_account: address,
      lead_email: address,
      campaign_name: optionalText.optional(),
      campaign_id: optionalText.optional(),
    })
    .transform((event) => ({
      occurred_at: event.timestamp,
      sending_inbox: event.email_account,
      recipient: event.lead_email,
      reply_code: null,
      enhanced_code: null,
      diagnostic: '',
      sequencer: 'instantly',
      campaign: event.campaign_name ?? event.campaign_id ?? null,
      external_id: null,
    })),
};
