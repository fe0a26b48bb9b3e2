import type { RuleName, Verdict } from '../health/verdict.js';
import type { DomainStatus } from '../fleet/lifecycle.js';
import type { Queryable } from './store.js';

export interface SnoozeInput {
  domain: string;
  /** The digest day (UTC, `YYYY-MM-DD`) Keep was pressed on. */
  day: string;
  /** How many digest days the domain stays hidden, `day` included (SNOOZE_DAYS). */
  days: number;
  actor: string;
  source: 'button' | 'command' | 'cli';
  /** What the decider was shown; null and [] when unknown (then any finding counts as new). */
  verdict: Verdict | null;
  rules: readonly RuleName[];
  slackActionTs?: string | null;
}

export interface Snooze {
  domain: string;
  day: string;
  /** The first digest day the domain is listed again whatever happens. */
  until_day: string;
  actor: string;
  snoozed_at: Date;
  verdict: Verdict | null;
  rules: RuleName[];
}

export type SnoozeResult =
  | { outcome: 'snoozed'; snooze: Snooze }
  | { outcome: 'duplicate' | 'not_active'; status: DomainStatus }
  | { outcome: 'unknown_domain' };

const snoozeColumns = `domain, day::text AS day, until_day::text AS until_day, actor, snoozed_at, verdict, rules`;

/** Records a Keep on an active domain; a retried delivery of the same Slack press records nothing. */
export async function snoozeDomain(db: Queryable, input: SnoozeInput): Promise<SnoozeResult> {
  const { rows } = await db.query<{ status: DomainStatus; snooze: Snooze | null }>(
    `WITH current AS (SELECT domain, status FROM sending_domains WHERE domain = $1),
     inserted AS (
       INSERT INTO domain_snoozes (domain, day, until_day, actor, verdict, rules, source, slack_action_ts)
       SELECT domain, $2::date, $2::date + $3::integer, $4, $5, $6::text[], $7, $8 FROM current WHERE status = 'active'
       ON CONFLICT DO NOTHING
       RETURNING ${snoozeColumns}
     )
     SELECT current.status, to_jsonb(inserted) AS snooze FROM current LEFT JOIN inserted ON true`,
    [input.domain, input.day, input.days, input.actor, input.verdict, input.rules, input.source, input.slackActionTs ?? null],
  );
  const row = rows[0];
  if (!row) return { outcome: 'unknown_domain' };
  if (row.snooze) return { outcome: 'snoozed', snooze: { ...row.snooze, snoozed_at: new Date(row.snooze.snoozed_at) } };
  return { outcome: row.status === 'active' ? 'duplicate' : 'not_active', status: row.status };
}

/**
 * The snoozes in force on digest `day`: the latest Keep per domain whose days cover `day`, taken
 * since the domain's last status change (a pull or a reactivation ends a snooze). The digest still
 * lists a snoozed domain when `snoozeHolds` (src/fleet/snooze.ts) says something new happened.
 */
export async function activeSnoozes(db: Queryable, day: string): Promise<Map<string, Snooze>> {
  const { rows } = await db.query<Snooze>(
    `SELECT DISTINCT ON (s.domain) s.domain, s.day::text AS day, s.until_day::text AS until_day, s.actor, s.snoozed_at, s.verdict, s.rules
       FROM domain_snoozes s JOIN sending_domains d ON d.domain = s.domain
      WHERE s.day <= $1::date AND s.until_day > $1::date AND s.snoozed_at >= d.status_changed_at
      ORDER BY s.domain, s.snoozed_at DESC, s.id DESC`,
    [day],
  );
  return new Map(rows.map((row) => [row.domain, row]));
}
