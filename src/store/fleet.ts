import type { DomainStatus } from '../fleet/lifecycle.js';
import type { Queryable } from './store.js';

export const mailboxProviders = ['google', 'microsoft', 'smtp', 'other'] as const;
export type MailboxProvider = (typeof mailboxProviders)[number];

export const statusSources = ['button', 'command', 'cli', 'import', 'demo'] as const;
export type StatusSource = (typeof statusSources)[number];

export interface DomainRow {
  domain: string;
  status: DomainStatus;
  provider: MailboxProvider | null;
  status_changed_at: Date;
  created_at: Date;
}

export interface DomainInput {
  domain: string;
  /** Set on existing domains too; null or undefined keeps what is stored. */
  provider?: MailboxProvider | null;
  /** Status of a domain created by this call; an existing domain keeps its status (see changeDomainStatus). */
  status?: DomainStatus;
}

/** Creates missing domains and records known providers; returns the number of domains created. */
export async function upsertDomains(db: Queryable, domains: readonly DomainInput[]): Promise<number> {
  if (domains.length === 0) return 0;
  const { rows } = await db.query<{ created: boolean }>(
    `INSERT INTO sending_domains AS d (domain, provider, status)
     SELECT domain, provider, coalesce(status, 'active') FROM unnest($1::text[], $2::text[], $3::text[]) AS u(domain, provider, status)
     ORDER BY domain
     ON CONFLICT (domain) DO UPDATE SET provider = coalesce(excluded.provider, d.provider)
     RETURNING (xmax = 0) AS created`,
    [domains.map((d) => d.domain), domains.map((d) => d.provider ?? null), domains.map((d) => d.status ?? null)],
  );
  return rows.filter((row) => row.created).length;
}

export interface InboxInput {
  address: string;
  provider?: MailboxProvider | null;
}

/** Creates missing inboxes (and their domains); returns the number of inboxes created. */
export async function upsertInboxes(db: Queryable, inboxes: readonly InboxInput[]): Promise<number> {
  if (inboxes.length === 0) return 0;
  const { rows } = await db.query<{ created: boolean }>(
    `WITH input AS (
       SELECT address, substring(address FROM '@([^@]+)$') AS domain, provider
         FROM unnest($1::text[], $2::text[]) AS u(address, provider)
     ), domains AS (
       INSERT INTO sending_domains (domain) SELECT DISTINCT domain FROM input ORDER BY 1 ON CONFLICT DO NOTHING
     )
     INSERT INTO sending_inboxes AS i (address, domain, provider)
     SELECT address, domain, provider FROM input ORDER BY address
     ON CONFLICT (address) DO UPDATE SET provider = coalesce(excluded.provider, i.provider)
     RETURNING (xmax = 0) AS created`,
    [inboxes.map((i) => i.address), inboxes.map((i) => i.provider ?? null)],
  );
  return rows.filter((row) => row.created).length;
}

export async function getDomain(db: Queryable, domain: string): Promise<DomainRow | null> {
  const { rows } = await db.query<DomainRow>(
    'SELECT domain, status, provider, status_changed_at, created_at FROM sending_domains WHERE domain = $1',
    [domain],
  );
  return rows[0] ?? null;
}

export interface StatusChange {
  domain: string;
  to: DomainStatus;
  /** Slack user id, CLI user, `import`, `demo`. */
  actor: string;
  source: StatusSource;
  reason?: string | null;
  /** Statuses the change may start from; the default is any other status. */
  from?: readonly DomainStatus[];
  /** The Slack button press: a retried delivery of the same press changes nothing the second time. */
  slackActionTs?: string | null;
  /** When the decision was taken (default now: the database clock). */
  at?: Date;
}

export type StatusChangeResult =
  | { outcome: 'changed'; from: DomainStatus; to: DomainStatus; at: Date; historyId: string }
  | { outcome: 'unchanged' | 'not_allowed' | 'duplicate'; status: DomainStatus }
  | { outcome: 'unknown_domain' };

/**
 * Moves a domain to `to` and appends the history row, atomically and exactly once: concurrent
 * changes to one domain serialise on its row, and the loser sees the winner's status.
 * `unchanged`: already `to`; `not_allowed`: its status is not in `from`; `duplicate`: this Slack
 * action was applied before.
 */
export async function changeDomainStatus(db: Queryable, change: StatusChange): Promise<StatusChangeResult> {
  const { rows } = await db.query<{ before: DomainStatus; id: string | null; at: Date | null }>(
    `WITH current AS (SELECT domain, status FROM sending_domains WHERE domain = $1 FOR UPDATE),
     inserted AS (
       INSERT INTO domain_status_history (domain, at, actor, from_status, to_status, reason, source, slack_action_ts)
       SELECT domain, coalesce($2::timestamptz, now()), $3, status, $4, $5, $6, $7 FROM current
        WHERE status <> $4 AND ($8::text[] IS NULL OR status = ANY ($8::text[]))
       ON CONFLICT DO NOTHING
       RETURNING id::text, at
     )
     SELECT current.status AS before, inserted.id, inserted.at FROM current LEFT JOIN inserted ON true`,
    [
      change.domain,
      change.at ?? null,
      change.actor,
      change.to,
      change.reason ?? null,
      change.source,
      change.slackActionTs ?? null,
      change.from ?? null,
    ],
  );
  const row = rows[0];
  if (!row) return { outcome: 'unknown_domain' };
  if (row.id !== null && row.at !== null) {
    return { outcome: 'changed', from: row.before, to: change.to, at: row.at, historyId: row.id };
  }
  if (row.before === change.to) return { outcome: 'unchanged', status: row.before };
  if (change.from && !change.from.includes(row.before)) return { outcome: 'not_allowed', status: row.before };
  return { outcome: 'duplicate', status: row.before };
}

export interface StatusHistoryRow {
  id: string;
  domain: string;
  at: Date;
  actor: string;
  from_status: DomainStatus | null;
  to_status: DomainStatus;
  reason: string | null;
  source: StatusSource;
  slack_action_ts: string | null;
}

/** A domain's status changes, newest first. */
export async function domainHistory(db: Queryable, domain: string, limit = 20): Promise<StatusHistoryRow[]> {
  const { rows } = await db.query<StatusHistoryRow>(
    `SELECT id::text, domain, at, actor, from_status, to_status, reason, source, slack_action_ts
       FROM domain_status_history WHERE domain = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [domain, limit],
  );
  return rows;
}
