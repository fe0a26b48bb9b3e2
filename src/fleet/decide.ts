import { changeDomainStatus, domainHistory, type StatusHistoryRow, type StatusSource } from '../store/fleet.js';
import type { Queryable } from '../store/store.js';
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
}

export type DecisionResult =
  | { outcome: 'changed'; from: DomainStatus; to: DomainStatus; at: Date; actor: string }
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
 * history row, allowed only along the lifecycle's transitions; when nothing changed, the latest
 * decision says who got there first.
 */
export async function decideDomainStatus(db: Queryable, decision: Decision): Promise<DecisionResult> {
  const { seen, ...change } = decision;
  const from = statusesLeadingTo(decision.to).filter((status) => seen === undefined || status === seen);
  const result = await changeDomainStatus(db, { ...change, from });
  if (result.outcome === 'unknown_domain') return result;
  if (result.outcome === 'changed') return { outcome: 'changed', from: result.from, to: result.to, at: result.at, actor: decision.actor };
  const [latest] = await domainHistory(db, decision.domain, 1);
  const last = latest?.to_status === result.status ? latest : null;
  // The same Slack press delivered again finds its own change: a duplicate, not someone else's decision.
  const again = decision.slackActionTs != null && last?.slack_action_ts === decision.slackActionTs;
  return { outcome: again ? 'duplicate' : result.outcome, status: result.status, last };
}
