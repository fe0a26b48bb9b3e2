import type { RuleName, Verdict } from '../health/verdict.js';
import type { DomainStatus } from '../fleet/lifecycle.js';
import type pg from 'pg';
import type { Queryable } from './store.js';
import { inTransaction } from './transaction.js';

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
  /** The Keep in force on the day already covers this one (see snoozeDomain's `covered`): nothing recorded. */
  | { outcome: 'already_kept'; snooze: Snooze }
  | { outcome: 'duplicate' | 'not_active'; status: DomainStatus }
  | { outcome: 'unknown_domain' };

const snoozeColumns = `domain, day::text AS day, until_day::text AS until_day, actor, snoozed_at, verdict, rules`;

/**
 * Records a Keep on an active domain, unless `covered` says the Keep in force on the day already
 * covers it (without `covered` every press is recorded); a retried delivery of the same Slack press
 * records nothing. The domain's row is locked meanwhile, so two presses at once are taken one after
 * the other and the second sees the first.
 */
export function snoozeDomain(pool: pg.Pool, input: SnoozeInput, covered: (inForce: Snooze) => boolean = () => false): Promise<SnoozeResult> {
  return inTransaction(pool, (client) => lockedSnooze(client, input, covered));
}

async function lockedSnooze(db: Queryable, input: SnoozeInput, covered: (inForce: Snooze) => boolean): Promise<SnoozeResult> {
  const { rows } = await db.query<{ status: DomainStatus }>('SELECT status FROM sending_domains WHERE domain = $1 FOR UPDATE', [input.domain]);
  const status = rows[0]?.status;
  if (!status) return { outcome: 'unknown_domain' };
  if (status !== 'active') return { outcome: 'not_active', status };
  const pressed = input.slackActionTs
    ? await db.query('SELECT 1 FROM domain_snoozes WHERE domain = $1 AND slack_action_ts = $2', [input.domain, input.slackActionTs])
    : { rowCount: 0 };
  if (pressed.rowCount) return { outcome: 'duplicate', status };
  const inForce = (await snoozesInForce(db, input.day, input.domain)).get(input.domain);
  if (inForce && covered(inForce)) return { outcome: 'already_kept', snooze: inForce };
  const inserted = await db.query<Snooze>(
    `INSERT INTO domain_snoozes (domain, day, until_day, actor, verdict, rules, source, slack_action_ts)
     VALUES ($1, $2::date, $2::date + $3::integer, $4, $5, $6::text[], $7, $8)
     ON CONFLICT DO NOTHING
     RETURNING ${snoozeColumns}`,
    [input.domain, input.day, input.days, input.actor, input.verdict, input.rules, input.source, input.slackActionTs ?? null],
  );
  const snooze = inserted.rows[0];
  return snooze ? { outcome: 'snoozed', snooze } : { outcome: 'duplicate', status };
}

/**
 * The snoozes in force on digest `day`: the latest Keep per domain whose days cover `day`, taken
 * since the domain's last status change (a pull or a reactivation ends a snooze). The digest still
 * lists a snoozed domain when `snoozeHolds` (src/fleet/snooze.ts) says something new happened.
 */
export function activeSnoozes(db: Queryable, day: string): Promise<Map<string, Snooze>> {
  return snoozesInForce(db, day, null);
}

/** activeSnoozes of one domain, or of all with null. */
async function snoozesInForce(db: Queryable, day: string, domain: string | null): Promise<Map<string, Snooze>> {
  const { rows } = await db.query<Snooze>(
    `SELECT DISTINCT ON (s.domain) s.domain, s.day::text AS day, s.until_day::text AS until_day, s.actor, s.snoozed_at, s.verdict, s.rules
       FROM domain_snoozes s JOIN sending_domains d ON d.domain = s.domain
      WHERE s.day <= $1::date AND s.until_day > $1::date AND s.snoozed_at >= d.status_changed_at AND ($2::text IS NULL OR s.domain = $2)
      ORDER BY s.domain, s.snoozed_at DESC, s.id DESC`,
    [day, domain],
  );
  return new Map(rows.map((row) => [row.domain, row]));
}
