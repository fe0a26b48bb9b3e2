import type pg from 'pg';
import { snoozeHolds } from '../fleet/snooze.js';
import { judgeFleet, type DomainDayNumbers, type DomainDayStats, type DomainVerdict, type FleetReport, type Thresholds } from '../health/index.js';
import { fleetDays } from '../store/fleet-day-scan.js';
import { domainStatusCounts, recentStatusChanges, type StatusChangeSummary, type StatusCounts } from '../store/fleet-status.js';
import { activeSnoozes } from '../store/snoozes.js';
import { addDays } from '../day.js';
import { gatherDigestDns, type DigestDns, type DigestDnsOptions } from './dns.js';

/** A domain the digest lists: its judgement and the numbers behind it. */
export interface FlaggedDomain {
  verdict: DomainVerdict;
  stats: DomainDayStats;
}

/** Everything one day's digest shows, computed once and rendered as blocks, text or JSON. */
export interface Digest {
  day: string;
  thresholds: Thresholds;
  report: FleetReport;
  /** No active domain sent or bounced that day: there was nothing to judge (imports or webhooks may not have run). */
  noData: boolean;
  /** Domains with a verdict other than healthy, most severe first (the report's order), except kept ones. */
  flagged: FlaggedDomain[];
  /** Flagged domains someone chose to Keep, not listed because nothing new happened since (src/fleet/snooze.ts). */
  kept: string[];
  statusCounts: StatusCounts;
  /** Status changes from the start of the digest day to the end of the day after it, newest first. */
  statusChanges: { changes: StatusChangeSummary[]; total: number };
  /** What DNS says about the flagged domains; absent when the digest was computed without DNS (`--json`). */
  dns?: DigestDns;
}

/** How many status changes the digest names; the rest are counted. */
const statusChangesShown = 10;

/**
 * Reads the day's rollups, judges the domains some rule may fire on (every active domain with `all`;
 * the rest are healthy, see fleetDays) and gathers the fleet's status.
 */
export async function computeDigest(db: pg.Pool, day: string, thresholds: Thresholds, all = false): Promise<Digest> {
  const [fleet, snoozes, statusCounts, statusChanges] = await Promise.all([
    fleetDays(db, day, thresholds, all),
    activeSnoozes(db, day),
    domainStatusCounts(db),
    recentStatusChanges(db, new Date(`${day}T00:00:00Z`), new Date(`${addDays(day, 2)}T00:00:00Z`), statusChangesShown),
  ]);
  const byDomain = new Map(fleet.days.map((entry) => [entry.domain, entry]));
  const report = judgeFleet(fleet.days, thresholds, fleet.totals);
  const flagged: FlaggedDomain[] = [];
  const kept: string[] = [];
  for (const verdict of report.domains) {
    if (verdict.verdict === 'healthy') continue;
    const snooze = snoozes.get(verdict.domain);
    if (snooze && snoozeHolds(snooze, verdict)) kept.push(verdict.domain);
    else flagged.push({ verdict, stats: withHistory(byDomain.get(verdict.domain)!) });
  }
  const noData = report.totals.sent === 0 && report.totals.bounces === 0;
  return { day, thresholds, report, noData, flagged, kept, statusCounts, statusChanges };
}

/** A flagged domain's stats: a rule may fire on it, so fleetDays read its history. */
function withHistory(stats: DomainDayNumbers): DomainDayStats {
  const { c554_trailing, bounce_rate_trend } = stats;
  if (c554_trailing === undefined || bounce_rate_trend === undefined) throw new Error(`digest: no history read for flagged ${stats.domain}`);
  return { ...stats, c554_trailing, bounce_rate_trend };
}

/** The digest with its DNS lines (see gatherDigestDns): what is posted to the channel and shown by `/smtp digest`. */
export async function computeDigestWithDns(db: pg.Pool, day: string, thresholds: Thresholds, dns: DigestDnsOptions): Promise<Digest> {
  const digest = await computeDigest(db, day, thresholds);
  return { ...digest, dns: await gatherDigestDns(db, digest.flagged, dns) };
}
