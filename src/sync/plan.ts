import type { Config } from '../config.js';
import type { DomainStatus } from '../fleet/lifecycle.js';
import type { OutboxInput, SyncAction } from '../store/outbox.js';
import { configuredSequencers } from './tools.js';
import { decisionBody, type DecisionEvent } from './webhook.js';

/**
 * What a status change does to the domain's inboxes in each sending tool: a pull pauses them,
 * Reactivate resumes the ones smtp-desk paused, and a reserve domain keeps warming up as it is.
 */
export const inboxActionFor: Record<DomainStatus, Extract<SyncAction, 'pause' | 'resume'> | null> = {
  pulled: 'pause',
  active: 'resume',
  reserved: null,
};

/** Where the decision was said in Slack (the thread its sync replies go to); null for the CLI. */
export interface DecisionThread {
  channel: string;
  threadTs: string | null;
}

/** The outbox rows of one status change: one per configured tool that has something to do, one for the webhook. */
export function syncRowsFor(event: DecisionEvent & { to: DomainStatus }, config: Config, thread: DecisionThread | null): OutboxInput[] {
  const where = { historyId: event.id, domain: event.domain, slackChannel: thread?.channel ?? null, slackThreadTs: thread?.threadTs ?? null };
  const action = inboxActionFor[event.to];
  const tools = action ? configuredSequencers(config).map((tool) => ({ ...where, tool, action, body: null })) : [];
  const webhook = config.DECISION_WEBHOOK_URL ? [{ ...where, tool: 'webhook' as const, action: 'notify' as const, body: decisionBody(event) }] : [];
  return [...tools, ...webhook];
}
