import type { AppContext } from '../context.js';
import { localDate } from '../day.js';
import { defaultAuditConcurrency, renderFleetSummary, summariseFleet } from '../dns/fleet.js';
import { claimDnsAuditRun, markDnsAuditDone, markDnsAuditFailed, recordDnsAuditProgress, type DnsAuditRunKey } from '../store/dns-audit-runs.js';
import { instanceId, LostClaimError } from '../store/run-claims.js';
import { auditActiveDomains } from './fleet-dns-audit.js';
import { scheduleRuns, type ScheduledRun } from './schedule.js';

/** A claim without a heartbeat for this long belongs to a process that died (each stored batch renews it). */
export const staleAuditClaimSeconds = 600;

export type DnsAuditOutcome = { outcome: 'audited'; domains: number; failing: number } | { outcome: 'already_done' } | { outcome: 'in_progress'; by: string };

/** Audits every active domain once for `day` across processes: claim the run, audit and store, mark it done. */
export async function auditFleetOnce(context: AppContext, key: DnsAuditRunKey): Promise<DnsAuditOutcome> {
  const db = context.store.pool;
  const claim = await claimDnsAuditRun(db, key, staleAuditClaimSeconds);
  if (!claim.claimed) return claim.run.status === 'done' ? { outcome: 'already_done' } : { outcome: 'in_progress', by: claim.run.claimed_by };
  try {
    const audits = await auditActiveDomains(context, defaultAuditConcurrency, (stored) => recordDnsAuditProgress(db, key, stored));
    const summary = summariseFleet(audits);
    await markDnsAuditDone(db, key, audits.length, summary.verdicts.fail);
    if (audits.length > 0) context.logger.info(renderFleetSummary(summary));
    return { outcome: 'audited', domains: audits.length, failing: summary.verdicts.fail };
  } catch (error) {
    if (!(error instanceof LostClaimError)) {
      await markDnsAuditFailed(db, key, (error as Error).message).catch((markError: unknown) =>
        context.logger.warn(`could not record the failed DNS audit run: ${(markError as Error).message}`),
      );
    }
    throw error;
  }
}

/**
 * Schedules `dns --all` at DNS_AUDIT_CRON in DIGEST_TZ (with the digest's catch-up check), stored as
 * the domains' last audits. Every replica may run it: the claim in dns_audit_runs lets one of them
 * audit. With DNS_AUDIT_CRON=off nothing is scheduled (one log line says so) and null is returned.
 */
export function startDnsAuditJob(context: AppContext, options: { catchUpCron?: string } = {}): ScheduledRun<DnsAuditOutcome> | null {
  const { config, logger } = context;
  if (config.DNS_AUDIT_CRON === 'off') {
    logger.info('DNS_AUDIT_CRON is off: no scheduled DNS audit');
    return null;
  }
  const instance = instanceId();
  const timeZone = config.DIGEST_TZ;
  const scheduled = scheduleRuns<DnsAuditOutcome>(context, {
    name: 'DNS audit',
    cron: config.DNS_AUDIT_CRON,
    timeZone,
    ...(options.catchUpCron ? { catchUpCron: options.catchUpCron } : {}),
    async attempt(fire) {
      const day = localDate(fire, timeZone);
      try {
        const outcome = await auditFleetOnce(context, { day, instance });
        if (outcome.outcome === 'audited') logger.info(`audited the DNS of ${outcome.domains} active domains for ${day}: ${outcome.failing} fail`);
        return outcome;
      } catch (error) {
        logger.error(`the DNS audit of ${day} did not finish: ${(error as Error).message}; the next check tries again`);
        return null;
      }
    },
  });
  logger.info(`DNS audit of every active domain at "${config.DNS_AUDIT_CRON}" (${timeZone})`);
  return scheduled;
}
