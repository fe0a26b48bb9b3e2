/** Shared vocabulary of the knowledge base: every union the Explanation contract uses. */
import type { AuthCheck } from '../auth-checks.js';

export const replyClasses = ['success', 'transient', 'permanent', 'unknown'] as const;
export type ReplyClass = (typeof replyClasses)[number];

export const categories = [
  'delivered',
  'invalid_recipient',
  'mailbox_full',
  'rate_limited',
  'greylisted',
  'authentication',
  'reputation',
  'spam_content',
  'policy',
  'sender_credentials',
  'protocol',
  'relay_denied',
  'message_too_big',
  'server_error',
  'unknown',
] as const;
export type Category = (typeof categories)[number];

export const actions = [
  'none',
  'retry',
  'slow_down',
  'remove_address',
  'fix_list_syntax',
  'fix_dns_auth',
  'check_reputation',
  'rewrite_copy',
  'fix_credentials',
  'fix_smtp_settings',
  'investigate',
] as const;
export type Action = (typeof actions)[number];

export const matchKinds = ['provider', 'enhanced', 'enhanced_class', 'reply', 'none'] as const;
export type MatchKind = (typeof matchKinds)[number];

/** Which authentication check a receiver says failed. */
export type { AuthCheck };

/**
 * How one code (or one provider reply) reads. Fields left out fall back to the category's guidance
 * (see guidance.ts), so an entry only spells out what is specific to it.
 */
export interface Reading {
  title: string;
  meaning: string;
  category: Category;
  action?: Action;
  auth?: AuthCheck;
  cold_email?: string;
  next_steps?: readonly string[];
}
