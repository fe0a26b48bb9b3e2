import type { Queryable } from './store.js';

/** The sending tools smtp-desk pauses inboxes in, and the generic decision webhook. */
export const sequencerTools = ['instantly', 'smartlead'] as const;
export type SequencerTool = (typeof sequencerTools)[number];
export const syncTools = [...sequencerTools, 'webhook'] as const;
export type SyncTool = (typeof syncTools)[number];

/** What a row does: pause or resume the domain's inboxes in a tool, or tell the webhook of the decision. */
export const syncActions = ['pause', 'resume', 'notify'] as const;
export type SyncAction = (typeof syncActions)[number];

export const syncStates = ['pending', 'done', 'failed'] as const;
export type SyncState = (typeof syncStates)[number];

export interface OutboxInput {
  historyId: string;
  domain: string;
  tool: SyncTool;
  action: SyncAction;
  /** The webhook's exact body (null for the tools). */
  body: string | null;
  slackChannel: string | null;
  slackThreadTs: string | null;
}

export interface OutboxRow {
  id: string;
  history_id: string;
  domain: string;
  tool: SyncTool;
  action: SyncAction;
  state: SyncState;
  body: string | null;
  slack_channel: string | null;
  slack_thread_ts: string | null;
  attempts: number;
  inboxes: string[];
  error: string | null;
  created_at: Date;
  settled_at: Date | null;
}

const rowColumns = `id::text, history_id::text, domain, tool, action, state, body, slack_channel, slack_thread_ts, attempts,
  inboxes, error, created_at, settled_at`;

/**
 * Writes the rows of one decision, inside the decision's own transaction (`db` is its client). A
 * resume is written only when there is something to resume in that tool: inboxes smtp-desk paused
 * there, or a pause still pending (rows of one domain and tool are delivered in order).
 */
export async function enqueueSync(db: Queryable, rows: readonly OutboxInput[]): Promise<OutboxRow[]> {
  if (rows.length === 0) return [];
  const { rows: written } = await db.query<OutboxRow>(
    `INSERT INTO sync_outbox (history_id, domain, tool, action, body, slack_channel, slack_thread_ts)
     SELECT u.history_id::bigint, u.domain, u.tool, u.action, u.body, u.channel, u.thread_ts
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS u(history_id, domain, tool, action, body, channel, thread_ts)
      WHERE u.action <> 'resume'
         OR EXISTS (SELECT 1 FROM sync_paused_inboxes p WHERE p.tool = u.tool AND p.domain = u.domain)
         OR EXISTS (SELECT 1 FROM sync_outbox o WHERE o.tool = u.tool AND o.domain = u.domain AND o.action = 'pause' AND o.state = 'pending')
     RETURNING ${rowColumns}`,
    [
      rows.map((row) => row.historyId),
      rows.map((row) => row.domain),
      rows.map((row) => row.tool),
      rows.map((row) => row.action),
      rows.map((row) => row.body),
      rows.map((row) => row.slackChannel),
      rows.map((row) => row.slackThreadTs),
    ],
  );
  return written;
}

export interface Lease {
  /** Who holds it: one worker of one process. */
  worker: string;
  ms: number;
}

/**
 * Leases up to `limit` due rows to `lease.worker`: pending, past their next attempt, not leased by a
 * live worker (an expired lease belongs to a worker that died), and first of their domain and tool
 * (a resume never overtakes the pause before it). SKIP LOCKED lets replicas claim side by side, and
 * each row goes to one of them.
 */
export async function claimDueSync(db: Queryable, lease: Lease, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE sync_outbox SET leased_by = $1, lease_until = now() + make_interval(secs => $2::double precision / 1000), attempts = attempts + 1
      WHERE id IN (
        SELECT o.id FROM sync_outbox o
         WHERE o.state = 'pending' AND o.next_attempt_at <= now() AND (o.lease_until IS NULL OR o.lease_until < now())
           AND NOT EXISTS (SELECT 1 FROM sync_outbox e WHERE e.domain = o.domain AND e.tool = o.tool AND e.state = 'pending' AND e.id < o.id)
         ORDER BY o.next_attempt_at, o.id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
     RETURNING ${rowColumns}`,
    [lease.worker, lease.ms, limit],
  );
  return rows;
}

/** Settles a leased row as done or failed; false when the lease was lost meanwhile (then nothing is written). */
export async function settleSync(db: Queryable, id: string, worker: string, state: Exclude<SyncState, 'pending'>, error: string | null): Promise<OutboxRow | null> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE sync_outbox SET state = $3, error = $4, settled_at = now(), leased_by = NULL, lease_until = NULL
      WHERE id = $1 AND leased_by = $2 AND state = 'pending'
     RETURNING ${rowColumns}`,
    [id, worker, state, error],
  );
  return rows[0] ?? null;
}

/** Gives a leased row back for another attempt after `delayMs`, with the reason this one failed. */
export async function rescheduleSync(db: Queryable, id: string, worker: string, delayMs: number, error: string): Promise<void> {
  await db.query(
    `UPDATE sync_outbox SET next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), error = $4,
            leased_by = NULL, lease_until = NULL
      WHERE id = $1 AND leased_by = $2 AND state = 'pending'`,
    [id, worker, delayMs, error],
  );
}

/** Adds inboxes the tool confirmed paused or resumed to the row's list (each once, in order). */
export async function recordSyncedInboxes(db: Queryable, outboxId: string, inboxes: readonly string[]): Promise<void> {
  if (inboxes.length === 0) return;
  await db.query(
    `UPDATE sync_outbox SET inboxes = inboxes || ARRAY(SELECT u.inbox FROM unnest($2::text[]) WITH ORDINALITY AS u(inbox, n) WHERE NOT (u.inbox = ANY (inboxes)) ORDER BY u.n)
      WHERE id = $1`,
    [outboxId, inboxes],
  );
}

export interface PausedInbox {
  inbox: string;
  account_id: string | null;
}

/** Remembers, before the pause call, that smtp-desk pauses `inbox` (kept if it was remembered already). */
export async function rememberPausing(db: Queryable, row: Pick<OutboxRow, 'id' | 'tool' | 'domain'>, inboxes: readonly PausedInbox[]): Promise<void> {
  if (inboxes.length === 0) return;
  await db.query(
    `INSERT INTO sync_paused_inboxes (tool, inbox, domain, account_id, outbox_id)
     SELECT $1, u.inbox, $2, u.account_id, $3::bigint FROM unnest($4::text[], $5::text[]) AS u(inbox, account_id)
     ON CONFLICT (tool, inbox) DO NOTHING`,
    [row.tool, row.domain, row.id, inboxes.map((inbox) => inbox.inbox), inboxes.map((inbox) => inbox.account_id)],
  );
}

/** Forgets inboxes smtp-desk no longer holds paused: the tool resumed them, or refused to pause them. */
export async function forgetPaused(db: Queryable, tool: SyncTool, inboxes: readonly string[]): Promise<void> {
  if (inboxes.length === 0) return;
  await db.query('DELETE FROM sync_paused_inboxes WHERE tool = $1 AND inbox = ANY ($2::text[])', [tool, inboxes]);
}

/** The inboxes of `domain` smtp-desk paused in `tool` and has not resumed, by address. */
export async function pausedBySmtpDesk(db: Queryable, tool: SyncTool, domain: string): Promise<PausedInbox[]> {
  const { rows } = await db.query<PausedInbox>('SELECT inbox, account_id FROM sync_paused_inboxes WHERE tool = $1 AND domain = $2 ORDER BY inbox', [tool, domain]);
  return rows;
}

/** The latest row of each tool for a domain: what its last decision did in each tool. */
export async function latestSync(db: Queryable, domain: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT * FROM (SELECT DISTINCT ON (tool) ${rowColumns} FROM sync_outbox WHERE domain = $1 ORDER BY tool, id DESC) latest ORDER BY id`,
    [domain],
  );
  return rows;
}
