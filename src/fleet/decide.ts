import type { AppContext } from '../context.js';
import { changeDomainStatus, domainHistory, type StatusHistoryRow, type StatusSource } from '../store/fleet.js';
import { enqueueSync, type OutboxRow } from '../store/outbox.js';
import { inTransaction } from '../store/transaction.js';
import { nudgeSyncWorkers } from '../sync/nudge.js';
import { syncRowsFor, type DecisionThread } from '../sync/plan.js';
import { statusesLeadingTo, type DomainStatus } from './lifecycle.js';

export interface Decision {
  domain: string;
  to: DomainStatus;
  /** Slack user id or CLI user name. */
  actor: string;
  source: StatusSource;
  reason?: string | null;
  /** The status the decider saw (a button carries it): a domain that moved on since is left alone. */
  seen?: DomainStatus;
  /** The Slack button press: a retried delivery of the same press changes nothing the second time. */
  slackActionTs?: string | null;
  /** Where the decision is said in Slack: its sync replies go to that thread (none from the CLI). */
  thread?: DecisionThread | null;
}

export type DecisionResult =
  /** `sync`: the outbox rows written with the change, one per sending tool to tell (and the webhook). */
  | { outcome: 'changed'; from: DomainStatus; to: DomainStatus; at: Date; actor: string; sync: OutboxRow[] }
  | {
      /** `not_allowed`: no decision leads from the domain's status to `to` (see decisionsFrom), or it is not the status the decider saw. */
      outcome: 'unchanged' | 'not_allowed' | 'duplicate';
      status: DomainStatus;
      /** The change that put the domain in its status, to say who decided and when (null: it was created so). */
      last: StatusHistoryRow | null;
    }
  | { outcome: 'unknown_domain' };

/**
 * One domain decision, from a button or the CLI: the guarded, exactly-once status change with its
 * history row, allowed only along the lifecycle's transitions, and in the same transaction the
 * outbox rows that carry it to the sending tools (delivered later by the sync worker: the decision
 * never waits for a tool). When nothing changed, the latest decision says who got there first.
 */
export async function decideDomainStatus(context: Pick<AppContext, 'store' | 'config'>, decision: Decision): Promise<DecisionResult> {
  const { seen, thread, ...change } = decision;
  const from = statusesLeadingTo(decision.to).filter((status) => seen === undefined || status === seen);
  const db = context.store.pool;
  const decided = await inTransaction(db, async (client) => {
    const result = await changeDomainStatus(client, { ...change, from });
    if (result.outcome !== 'changed') return { result, sync: [] };
    const event = { id: result.historyId, domain: decision.domain, from: result.from, to: result.to, actor: decision.actor, reason: decision.reason ?? null, source: decision.source, at: result.at.toISOString() };
    return { result, sync: await enqueueSync(client, syncRowsFor(event, context.config, thread ?? null)) };
  });
  const { result } = decided;
  if (decided.sync.length > 0) nudgeSyncWorkers();
  if (result.outcome === 'unknown_domain') return result;
  if (result.outcome === 'changed') return { outcome: 'changed', from: result.from, to: result.to, at: result.at, actor: decision.actor, sync: decided.sync };
  const [latest] = await domainHistory(db, decision.domain, 1);
  const last = latest?.to_status === result.status ? latest : null;
  // The same Slack press delivered again finds its own change: a duplicate, not someone else's decision.
  const again = decision.slackActionTs != null && last?.slack_action_ts === decision.slackActionTs;
  return { outcome: again ? 'duplicate' : result.outcome, status: result.status, last };
}
