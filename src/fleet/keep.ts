import type { AppContext } from '../context.js';
import { digestDayAt } from '../day.js';
import type { RuleName, Verdict } from '../health/verdict.js';
import { activeSnoozes, snoozeDomain, type Snooze, type SnoozeInput } from '../store/snoozes.js';
import type { DomainStatus } from './lifecycle.js';
import { keepCovers } from './snooze.js';

export interface Keep {
  domain: string;
  /** The digest day the decider looked at; default: today's digest day in DIGEST_TZ. */
  day?: string | undefined;
  actor: string;
  source: SnoozeInput['source'];
  /** What the decider was shown; null and [] when unknown (then any finding counts as new). */
  verdict: Verdict | null;
  rules: readonly RuleName[];
  slackActionTs?: string | null;
}

export type KeepResult =
  | { outcome: 'snoozed'; snooze: Snooze }
  /** A Keep in force on the day already covers what this press was shown (keepCovers): nothing recorded. */
  | { outcome: 'already_kept'; snooze: Snooze }
  /** This press was recorded before; `snooze` is the Keep in force on the day, if any. */
  | { outcome: 'duplicate'; snooze: Snooze | null }
  | { outcome: 'not_active'; status: DomainStatus }
  | { outcome: 'unknown_domain' };

/**
 * Keep: the domain stays in rotation and the digest leaves it out for SNOOZE_DAYS digest days from
 * `day`, unless something new happens (snoozeHolds). Only an active domain can be kept, and a
 * domain already kept for what the decider was shown is not kept twice.
 */
export async function keepDomain(context: Pick<AppContext, 'store' | 'config' | 'now'>, keep: Keep): Promise<KeepResult> {
  const db = context.store.pool;
  const day = keep.day ?? digestDayAt(context.now(), context.config.DIGEST_TZ);
  const result = await snoozeDomain(db, { ...keep, day, days: context.config.SNOOZE_DAYS }, (inForce) => keepCovers(inForce, keep));
  if (result.outcome === 'snoozed' || result.outcome === 'already_kept' || result.outcome === 'unknown_domain') return result;
  if (result.outcome === 'not_active') return { outcome: 'not_active', status: result.status };
  return { outcome: 'duplicate', snooze: (await activeSnoozes(db, day)).get(keep.domain) ?? null };
}
