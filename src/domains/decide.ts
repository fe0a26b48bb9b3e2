import { changeDomainStatus, domainHistory, type DomainStatus, type StatusChange, type StatusHistoryRow } from '../store/fleet.js';
import type { Queryable } from '../store/store.js';

export type DecisionResult =
  | { outcome: 'changed'; from: DomainStatus; to: DomainStatus; at: Date; actor: string }
  | {
      outcome: 'unchanged' | 'not_allowed' | 'duplicate';
      status: DomainStatus;
      /** The change that put the domain in its status, to say who decided and when (null: it was created so). */
      last: StatusHistoryRow | null;
    }
  | { outcome: 'unknown_domain' };

/**
 * One domain decision, from a button, a command or the CLI: the guarded, exactly-once status change
 * with its history row; when nothing changed, the latest decision says who got there first.
 */
export async function decideDomainStatus(db: Queryable, change: StatusChange): Promise<DecisionResult> {
  const result = await changeDomainStatus(db, change);
  if (result.outcome === 'unknown_domain') return result;
  if (result.outcome === 'changed') return { outcome: 'changed', from: result.from, to: result.to, at: result.at, actor: change.actor };
  const [latest] = await domainHistory(db, change.domain, 1);
  const last = latest?.to_status === result.status ? latest : null;
  // The same Slack press delivered again finds its own change: a duplicate, not someone else's decision.
  const again = change.slackActionTs != null && last?.slack_action_ts === change.slackActionTs;
  return { outcome: again ? 'duplicate' : result.outcome, status: result.status, last };
}
