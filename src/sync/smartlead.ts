import { z } from 'zod';
import { isOnDomain, type InboxFailure, type OnConfirmed, type SequencerConnector, type ToolInbox } from './connector.js';
import { callTool, Refused, refusesKey, shapedAnswer } from './http.js';
import { Pace } from './pace.js';

/** Smartlead asks for at most 60 requests a minute. */
export const smartleadCallsPerSecond = 1;
const pageSize = 100;

// `is_suspended` is read when Smartlead lists it, so an inbox suspended by someone else is left alone.
const accounts = z.array(z.object({ id: z.union([z.number(), z.string()]), from_email: z.string(), is_suspended: z.boolean().optional() }));
const changed = z.object({ success: z.boolean(), message: z.string().optional() });

/** Smartlead API v1: every email account (filtered to exact @domain addresses here), suspend and unsuspend by id. */
export function smartleadConnector(options: { apiUrl: string; apiKey: string; pace?: Pace }): SequencerConnector {
  const pace = options.pace ?? Pace.perSecond(smartleadCallsPerSecond);
  const call = (method: 'GET' | 'PUT' | 'DELETE', path: string, query: Record<string, string>, signal: AbortSignal) =>
    callTool({ name: 'Smartlead', method, url: `${options.apiUrl}${path}?${new URLSearchParams({ ...query, api_key: options.apiKey })}`, pace, signal });

  /** Suspends or unsuspends each inbox in turn; a refusal of one inbox is that inbox's failure, a refused key ends the row. */
  const each = async (method: 'PUT' | 'DELETE', path: string, inboxes: readonly { email: string; id: string | null }[], signal: AbortSignal, onDone: OnConfirmed) => {
    const failed: InboxFailure[] = [];
    for (const inbox of inboxes) {
      if (inbox.id === null) {
        failed.push({ email: inbox.email, error: 'smtp-desk does not know its Smartlead id' });
        continue;
      }
      try {
        const answer = shapedAnswer('Smartlead', changed, await call(method, `${path}/${encodeURIComponent(inbox.id)}`, {}, signal));
        if (answer.success) await onDone([inbox.email]);
        else failed.push({ email: inbox.email, error: answer.message ?? 'Smartlead did not change it' });
      } catch (error) {
        if (!(error instanceof Refused) || refusesKey(error)) throw error;
        failed.push({ email: inbox.email, error: error.message });
      }
    }
    return failed;
  };

  return {
    tool: 'smartlead',
    name: 'Smartlead',
    async listInboxes(domain, signal) {
      const found: ToolInbox[] = [];
      for (let offset = 0; ; offset += pageSize) {
        const page = shapedAnswer('Smartlead', accounts, await call('GET', '/email-accounts/', { offset: String(offset), limit: String(pageSize) }, signal));
        for (const account of page) {
          if (isOnDomain(account.from_email, domain)) found.push({ email: account.from_email.toLowerCase(), id: String(account.id), paused: account.is_suspended === true });
        }
        if (page.length < pageSize) return found;
      }
    },
    pause: (inboxes, signal, onPaused) => each('PUT', '/email-accounts/suspend', inboxes, signal, onPaused),
    resume: (inboxes, signal, onResumed) =>
      each('DELETE', '/email-accounts/unsuspend', inboxes.map((inbox) => ({ email: inbox.inbox, id: inbox.account_id })), signal, onResumed),
  };
}
