import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';

/** Constant-time comparison of two strings of any length (both are hashed to equal length first). */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export type WebhookAuth =
  /**
   * Smartlead with SMARTLEAD_WEBHOOK_SECRET: the hex HMAC-SHA256 of the raw body in
   * X-Smartlead-Signature, or, when no such header came, the secret as the payload's `secret_key`
   * (Smartlead's webhook API has no signing secret; its payloads carry the one set for the webhook).
   */
  | { kind: 'smartlead-signature'; secret: string }
  /** Every other sender (and Smartlead without a secret): ?token= in the URL. */
  | { kind: 'url-token'; token: string }
  | { kind: 'disabled' };

export function webhookAuth(config: Config, sequencer: string): WebhookAuth {
  if (sequencer === 'smartlead' && config.SMARTLEAD_WEBHOOK_SECRET) return { kind: 'smartlead-signature', secret: config.SMARTLEAD_WEBHOOK_SECRET };
  if (config.WEBHOOK_TOKEN) return { kind: 'url-token', token: config.WEBHOOK_TOKEN };
  return { kind: 'disabled' };
}

export function validSignature(secret: string, body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = createHmac('sha256', secret).update(body).digest('hex');
  return safeEqual(header.trim().toLowerCase().replace(/^sha256=/, ''), expected);
}

export function validToken(token: string, given: string | null): boolean {
  return given !== null && safeEqual(given, token);
}

/** Whether a Smartlead payload carries `secret` as its `secret_key`. */
export function carriesSecret(secret: string, payload: unknown): boolean {
  const given = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).secret_key : undefined;
  return typeof given === 'string' && safeEqual(given, secret);
}
