import { createHmac } from 'node:crypto';
import { callTool } from './http.js';
import { Pace } from './pace.js';

/** What DECISION_WEBHOOK_URL receives for each decision; `id` is the same on every delivery of one decision. */
export interface DecisionEvent {
  id: string;
  domain: string;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
  source: string;
  at: string;
}

export const signatureHeader = 'X-Smtp-Desk-Signature';

/** The body, written once when the decision is taken and sent byte for byte on every attempt. */
export function decisionBody(event: DecisionEvent): string {
  const { id, domain, from, to, actor, reason, source, at } = event;
  return JSON.stringify({ id, domain, from, to, actor, reason, source, at });
}

/** `sha256=<hex HMAC-SHA256 of the body>` with DECISION_WEBHOOK_SECRET. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DecisionWebhook {
  send(body: string, signal: AbortSignal): Promise<void>;
}

/** POSTs a decision, signed; any 2xx is delivered. Receivers are not rate-limited beyond 10 calls a second. */
export function decisionWebhook(options: { url: string; secret: string }): DecisionWebhook {
  const pace = Pace.perSecond(10);
  return {
    async send(body, signal) {
      await callTool({ name: 'the decision webhook', method: 'POST', url: options.url, headers: { [signatureHeader]: signBody(options.secret, body) }, body, pace, signal });
    },
  };
}
