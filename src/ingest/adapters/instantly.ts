import { z } from 'zod';
import { address, count, day, instant, optionalText } from '../fields.js';
import type { Adapter } from './adapter.js';

/**
 * Instantly's daily account analytics (`GET /api/v2/accounts/analytics/daily`: a JSON array of
 * {date, email_account, sent, bounced, opened …}, or JSON lines of them): one row per inbox and
 * day. `bounced` is kept beside `sent` as the sequencer's own count of bounces, which the domain
 * card compares with the bounce events that arrived.
 */
export const instantlySends: Adapter<'sends'> = {
  kind: 'sends',
  format: 'instantly',
  input: 'jsonl',
  schema: z
    .object({ date: day, email_account: address, sent: count, bounced: count.nullish() })
    .transform((row) => ({ day: row.date, sending_inbox: row.email_account, sent: row.sent, reported_bounces: row.bounced ?? null })),
};

const noSender =
  'email_account is absent (Instantly gives it only "if applicable"): without the sending inbox the bounce cannot be counted against a domain';

/**
 * Instantly's `email_bounced` webhook: timestamp, email_account (the sender, when Instantly gives
 * it), lead_email, campaign_name, and email_id, the one id of the event. It carries no reply text,
 * so the event is stored without codes (category unknown).
 */
export const instantlyBounces: Adapter<'bounces'> = {
  kind: 'bounces',
  format: 'instantly',
  input: 'jsonl',
  event: { fields: ['event_type'], values: ['email_bounced'] },
  schema: z
    .object({
      timestamp: instant,
      email_account: address.nullish(),
      lead_email: address,
      campaign_name: optionalText.optional(),
      campaign_id: optionalText.optional(),
      email_id: optionalText.optional(),
    })
    .transform((event, context) => {
      if (!event.email_account) {
        context.addIssue({ code: 'custom', path: ['email_account'], message: noSender });
        return z.NEVER;
      }
      return {
        occurred_at: event.timestamp,
        sending_inbox: event.email_account,
        recipient: event.lead_email,
        reply_code: null,
        enhanced_code: null,
        diagnostic: '',
        sequencer: 'instantly',
        campaign: event.campaign_name ?? event.campaign_id ?? null,
        external_id: event.email_id ?? null,
      };
    }),
};
