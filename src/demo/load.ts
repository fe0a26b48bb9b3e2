import { insertBounces } from '../store/bounces.js';
import { upsertComplaints } from '../store/complaints.js';
import { changeDomainStatus, upsertDomains, upsertInboxes } from '../store/fleet.js';
import type { Queryable } from '../store/store.js';
import { upsertSends } from '../store/sends.js';
import type { DemoOptions } from './fleet.js';
import { fleetBatches, type FleetBatch } from './generate.js';
import type { Role } from './roles.js';

export interface RowCounts {
  domains: number;
  inboxes: number;
  sendRows: number;
  bounceEvents: number;
  complaintRows: number;
  statusChanges: number;
}

export interface LoadSummary {
  /** Rows the fleet consists of. */
  generated: RowCounts & { sent: number; bounces: number; deferrals: number };
  /** Rows that were new (or changed) in the database: all zero on a re-run with the same options. */
  added: RowCounts;
  /** The domains of each role other than healthy, in fleet order. */
  roles: Map<Exclude<Role, 'healthy'>, string[]>;
  /** Domains per mailbox provider. */
  providers: Map<string, number>;
  milliseconds: number;
}

export interface LoadOptions {
  /** Domains generated and written together (default 250). */
  batchSize?: number;
  /** Batches being written at the same time (default 4; the embedded database runs them in turn). */
  concurrency?: number;
  /** Called after each batch is stored, with the number of domains done. */
  onProgress?: (domainsDone: number) => void;
}

const zeroCounts = (): RowCounts => ({ domains: 0, inboxes: 0, sendRows: 0, bounceEvents: 0, complaintRows: 0, statusChanges: 0 });

async function storeBatch(db: Queryable, batch: FleetBatch): Promise<RowCounts> {
  const domains = await upsertDomains(db, batch.domains);
  const inboxes = await upsertInboxes(db, batch.inboxes);
  const [sends, bounceEvents, complaints] = await Promise.all([
    upsertSends(db, batch.sends),
    insertBounces(db, batch.bounces),
    upsertComplaints(db, batch.complaints),
  ]);
  let statusChanges = 0;
  for (const change of batch.statusChanges) {
    if ((await changeDomainStatus(db, change)).outcome === 'changed') statusChanges++;
  }
  return {
    domains,
    inboxes,
    sendRows: sends.inserted + sends.updated,
    bounceEvents,
    complaintRows: complaints.inserted + complaints.updated,
    statusChanges,
  };
}

function tally(summary: LoadSummary, batch: FleetBatch): void {
  const { generated } = summary;
  generated.domains += batch.domains.length;
  generated.inboxes += batch.inboxes.length;
  generated.sendRows += batch.sends.length;
  generated.bounceEvents += batch.bounces.length;
  generated.complaintRows += batch.complaints.length;
  generated.statusChanges += batch.statusChanges.length;
  for (const send of batch.sends) generated.sent += send.sent;
  for (const bounce of batch.bounces) {
    if (String(bounce.reply_code ?? bounce.enhanced_code).startsWith('5')) generated.bounces++;
    else generated.deferrals++;
  }
  for (const { domain, role } of batch.roles) {
    if (role !== 'healthy') summary.roles.set(role, [...(summary.roles.get(role) ?? []), domain]);
  }
  for (const { provider } of batch.domains) summary.providers.set(provider ?? 'other', (summary.providers.get(provider ?? 'other') ?? 0) + 1);
}

/**
 * Generates the demo fleet batch by batch and writes it through the store's idempotent upserts, a
 * few batches at a time: memory stays flat whatever the fleet size, and loading the same options
 * twice adds nothing.
 */
export async function loadDemoFleet(db: Queryable, options: DemoOptions, load: LoadOptions = {}): Promise<LoadSummary> {
  const started = performance.now();
  const summary: LoadSummary = {
    generated: { ...zeroCounts(), sent: 0, bounces: 0, deferrals: 0 },
    added: zeroCounts(),
    roles: new Map(),
    providers: new Map(),
    milliseconds: 0,
  };
  // A failed write stays in the set, so the next race (or the final wait) reports it.
  const inFlight = new Set<Promise<void>>();
  let domainsDone = 0;
  try {
    for (const batch of fleetBatches(options, load.batchSize ?? 250)) {
      tally(summary, batch);
      const write: Promise<void> = storeBatch(db, batch).then((added) => {
        for (const key of Object.keys(added) as (keyof RowCounts)[]) summary.added[key] += added[key];
        domainsDone += batch.domains.length;
        load.onProgress?.(domainsDone);
        inFlight.delete(write);
      });
      write.catch(() => undefined);
      inFlight.add(write);
      if (inFlight.size >= (load.concurrency ?? 4)) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } catch (error) {
    await Promise.allSettled(inFlight);
    throw error;
  }
  summary.milliseconds = performance.now() - started;
  return summary;
}
