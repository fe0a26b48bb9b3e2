import type { Queryable } from '../store/store.js';
import { forgetPaused, pausedBySmtpDesk, recordSyncedInboxes, rememberPausing, type OutboxRow, type SyncState } from '../store/outbox.js';
import type { InboxFailure, SequencerConnector } from './connector.js';
import { Refused, refusesKey } from './http.js';
import type { SyncTargets } from './tools.js';

/** How one attempt ended (RetryLater is thrown instead: the row stays pending). */
export interface Delivered {
  state: Exclude<SyncState, 'pending'>;
  error: string | null;
  /** Inboxes already paused by someone else, left as they were. */
  leftAlone: number;
}

const failedOf = (failed: readonly InboxFailure[], total: number) => `${failed.length} of ${total} failed: ${[...new Set(failed.map((f) => f.error))].join('; ')}`;

const settled = (failed: readonly InboxFailure[], total: number, leftAlone = 0): Delivered =>
  failed.length === 0 ? { state: 'done', error: null, leftAlone } : { state: 'failed', error: failedOf(failed, total), leftAlone };

/** A refused key fails every inbox still to do; any other refusal is thrown on. */
function keyRefused(error: unknown, remaining: readonly string[]): InboxFailure[] {
  if (!refusesKey(error)) throw error;
  return remaining.map((email) => ({ email, error: (error as Refused).message }));
}

/**
 * Pauses every inbox of the domain that is not paused yet, remembering each before its call; an
 * inbox paused already is smtp-desk's when it remembers pausing it, else someone else's, left alone.
 */
async function pauseAll(db: Queryable, row: OutboxRow, connector: SequencerConnector, signal: AbortSignal): Promise<Delivered> {
  const inboxes = await connector.listInboxes(row.domain, signal);
  const ours = new Set((await pausedBySmtpDesk(db, row.tool, row.domain)).map((paused) => paused.inbox));
  const leftAlone = inboxes.filter((inbox) => inbox.paused && !ours.has(inbox.email)).length;
  await recordSyncedInboxes(db, row.id, inboxes.filter((inbox) => inbox.paused && ours.has(inbox.email)).map((inbox) => inbox.email));
  const toPause = inboxes.filter((inbox) => !inbox.paused);
  await rememberPausing(db, row, toPause.map((inbox) => ({ inbox: inbox.email, account_id: inbox.id })));
  const done = new Set<string>();
  const failed = await connector
    .pause(toPause, signal, async (emails) => {
      emails.forEach((email) => done.add(email));
      await recordSyncedInboxes(db, row.id, emails);
    })
    .catch((error: unknown) => keyRefused(error, toPause.map((inbox) => inbox.email).filter((email) => !done.has(email))));
  await forgetPaused(db, row.tool, failed.map((failure) => failure.email));
  return settled(failed, inboxes.length - leftAlone, leftAlone);
}

/** Resumes the inboxes smtp-desk paused on the domain, forgetting each once the tool confirms it. */
async function resumeOurs(db: Queryable, row: OutboxRow, connector: SequencerConnector, signal: AbortSignal): Promise<Delivered> {
  const ours = await pausedBySmtpDesk(db, row.tool, row.domain);
  const done = new Set<string>();
  const failed = await connector
    .resume(ours, signal, async (emails) => {
      emails.forEach((email) => done.add(email));
      await forgetPaused(db, row.tool, emails);
      await recordSyncedInboxes(db, row.id, emails);
    })
    .catch((error: unknown) => keyRefused(error, ours.map((inbox) => inbox.inbox).filter((email) => !done.has(email))));
  return settled(failed, ours.length);
}

const notConfigured = { instantly: 'INSTANTLY_API_KEY', smartlead: 'SMARTLEAD_API_KEY', webhook: 'DECISION_WEBHOOK_URL' } as const;

/**
 * One attempt at a leased row. Throws RetryLater when the tool asks to try again later; a refusal
 * (a wrong key, an inbox it will not change) settles the row as failed with the tool's words.
 */
export async function deliverSync(db: Queryable, row: OutboxRow, targets: SyncTargets, signal: AbortSignal): Promise<Delivered> {
  try {
    if (row.tool === 'webhook') {
      if (!targets.webhook || row.body === null) return { state: 'failed', error: `${notConfigured.webhook} is not set any more`, leftAlone: 0 };
      await targets.webhook.send(row.body, signal);
      return { state: 'done', error: null, leftAlone: 0 };
    }
    const connector = targets.sequencers[row.tool];
    if (!connector) return { state: 'failed', error: `${notConfigured[row.tool]} is not set any more`, leftAlone: 0 };
    return row.action === 'pause' ? await pauseAll(db, row, connector, signal) : await resumeOurs(db, row, connector, signal);
  } catch (error) {
    if (error instanceof Refused) return { state: 'failed', error: error.message, leftAlone: 0 };
    throw error;
  }
}
