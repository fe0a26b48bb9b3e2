import { claimRun, markRunFailed, updateClaimedRun, type Claim, type RunTable } from './run-claims.js';
import type { Queryable } from './store.js';

export type DnsAuditRunStatus = 'claimed' | 'done' | 'failed';

export interface DnsAuditRun {
  day: string;
  status: DnsAuditRunStatus;
  claimed_by: string;
  attempts: number;
  domains_audited: number;
  domains_failing: number | null;
  error: string | null;
}

const dnsAuditRuns: RunTable = {
  table: 'dns_audit_runs',
  keys: [['day', 'date']],
  columns: 'day::text AS day, status, claimed_by, attempts, domains_audited, domains_failing, error',
  describe: ([day]) => `the DNS audit of ${String(day)}`,
};

export interface DnsAuditRunKey {
  day: string;
  instance: string;
}

/** Claims the scheduled audit of `day` (see claimRun): exactly one process audits the fleet. */
export function claimDnsAuditRun(db: Queryable, key: DnsAuditRunKey, staleSeconds: number): Promise<Claim<DnsAuditRun>> {
  return claimRun<DnsAuditRun>(db, dnsAuditRuns, [key.day], key.instance, staleSeconds);
}

/** Records how many domains are audited so far, and renews the claim. */
export function recordDnsAuditProgress(db: Queryable, key: DnsAuditRunKey, audited: number): Promise<void> {
  return updateClaimedRun(db, dnsAuditRuns, [key.day], key.instance, 'domains_audited = $3', [audited]);
}

export function markDnsAuditDone(db: Queryable, key: DnsAuditRunKey, audited: number, failing: number): Promise<void> {
  return updateClaimedRun(db, dnsAuditRuns, [key.day], key.instance, "status = 'done', done_at = now(), domains_audited = $3, domains_failing = $4, error = NULL", [audited, failing]);
}

export function markDnsAuditFailed(db: Queryable, key: DnsAuditRunKey, error: string): Promise<void> {
  return markRunFailed(db, dnsAuditRuns, [key.day], key.instance, error);
}
