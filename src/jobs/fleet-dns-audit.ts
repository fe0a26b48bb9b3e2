import type { AppContext } from '../context.js';
import { auditOptionsFrom, type DnsAudit } from '../dns/index.js';
import { auditFleet } from '../dns/fleet.js';
import { insertDnsAudits } from '../store/dns-audits.js';
import { listDomains } from '../store/fleet.js';

/** Audits stored per statement while the run goes on, so an interrupted run keeps what it checked. */
const storeBatch = 100;

/**
 * Audits every active domain (`dns --all`, and `serve` on DNS_AUDIT_CRON) and stores each result as
 * it goes; `onStored` hears how many are stored after each batch. Resolves with the audits, in
 * domain order (none when there is no active domain).
 */
export async function auditActiveDomains(
  context: Pick<AppContext, 'config' | 'store' | 'now'>,
  concurrency: number,
  onStored: (stored: number) => Promise<void> = async () => {},
): Promise<DnsAudit[]> {
  const db = context.store.pool;
  const domains = (await listDomains(db, 'active')).map((row) => row.domain);
  let pending: DnsAudit[] = [];
  let stored = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    stored += await insertDnsAudits(db, batch);
    await onStored(stored);
  };
  const audits = await auditFleet(domains, { ...auditOptionsFrom(context.config), now: context.now }, concurrency, async (audit) => {
    pending.push(audit);
    if (pending.length >= storeBatch) await flush();
  });
  await flush();
  return audits;
}
