import { z } from 'zod';
import { isOnDomain, type InboxFailure, type SequencerConnector, type ToolInbox } from './connector.js';
import { callTool, Refused, refusesKey, shapedAnswer } from './http.js';
import { Pace } from './pace.js';

/** Instantly allows 100 requests a second (and 6,000 a minute) per workspace. */
export const instantlyCallsPerSecond = 100;
/** The bulk pause takes up to this many addresses. */
const bulkLimit = 100;
/** `status` of an account: 1 active, 2 paused (other values are errors of the account; they are paused too). */
const pausedStatus = 2;

const accountsPage = z.object({
  items: z.array(z.object({ email: z.string(), status: z.number() })),
  next_starting_after: z.string().nullish(),
});
const failedEmail = z.union([z.string(), z.object({ email: z.string(), error: z.string().optional(), message: z.string().optional() })]);
const bulkAnswer = z.object({ paused_emails: z.array(z.string()).default([]), failed_emails: z.array(failedEmail).default([]) });

/** Instantly API v2: accounts by search (kept to exact @domain addresses), bulk pause, per-account resume. */
export function instantlyConnector(options: { apiUrl: string; apiKey: string; pace?: Pace }): SequencerConnector {
  const pace = options.pace ?? Pace.perSecond(instantlyCallsPerSecond);
  const headers = { authorization: `Bearer ${options.apiKey}` };
  const call = (method: 'GET' | 'POST', path: string, signal: AbortSignal, body?: unknown) =>
    callTool({ name: 'Instantly', method, url: `${options.apiUrl}${path}`, headers, pace, signal, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  return {
    tool: 'instantly',
    name: 'Instantly',
    async listInboxes(domain, signal) {
      const found: ToolInbox[] = [];
      let cursor: string | null | undefined = null;
      do {
        const query: URLSearchParams = new URLSearchParams({ search: domain, limit: '100', ...(cursor ? { starting_after: cursor } : {}) });
        const page: z.infer<typeof accountsPage> = shapedAnswer('Instantly', accountsPage, await call('GET', `/accounts?${query}`, signal));
        for (const item of page.items) {
          if (isOnDomain(item.email, domain)) found.push({ email: item.email.toLowerCase(), id: null, paused: item.status === pausedStatus });
        }
        cursor = page.items.length > 0 ? page.next_starting_after : null;
      } while (cursor);
      return found;
    },
    async pause(inboxes, signal, onPaused) {
      const failed: InboxFailure[] = [];
      for (let start = 0; start < inboxes.length; start += bulkLimit) {
        const emails = inboxes.slice(start, start + bulkLimit).map((inbox) => inbox.email);
        const answer = shapedAnswer('Instantly', bulkAnswer, await call('POST', '/accounts/pause', signal, { emails }));
        const paused = new Set(answer.paused_emails.map((email) => email.toLowerCase()));
        const reasons = new Map(answer.failed_emails.map((entry) => (typeof entry === 'string' ? [entry.toLowerCase(), null] : [entry.email.toLowerCase(), entry.error ?? entry.message ?? null])));
        await onPaused(emails.filter((email) => paused.has(email)));
        for (const email of emails) if (!paused.has(email)) failed.push({ email, error: reasons.get(email) ?? 'Instantly did not pause it' });
      }
      return failed;
    },
    async resume(inboxes, signal, onResumed) {
      const failed: InboxFailure[] = [];
      for (const { inbox } of inboxes) {
        try {
          await call('POST', `/accounts/${encodeURIComponent(inbox)}/resume`, signal);
          await onResumed([inbox]);
        } catch (error) {
          if (!(error instanceof Refused) || refusesKey(error)) throw error;
          failed.push({ email: inbox, error: error.message });
        }
      }
      return failed;
    },
  };
}
