import type pg from 'pg';
import { snoozeHolds } from '../health/snooze.js';
import {
  judgeDomain,
  judgeFleet,
  spike554CanFire,
  type DomainDay,
  type DomainDayStats,
  type DomainHistory,
  type DomainVerdict,
  type FleetReport,
  type Thresholds,
} from '../health/index.js';
import {
  domainStatusCounts,
  fleetDays,
  fleetHistories,
  recentStatusChanges,
  type StatusChangeSummary,
  type StatusCounts,
} from '../store/domain-stats.js';
import { activeSnoozes } from '../store/snoozes.js';
import { addDays } from './day.js';

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
  /** Domains with a verdict other than healthy, most severe first (the report's order), except kept ones. */
  flagged: FlaggedDomain[];
  /** Flagged domains someone chose to Keep, not listed because nothing new happened since (src/health/snooze.ts). */
  kept: string[];
  statusCounts: StatusCounts;
  /** Status changes from the start of the digest day to the end of the day after it, newest first. */
  statusChanges: { changes: StatusChangeSummary[]; total: number };
}

/** How many status changes the digest names; the rest are counted. */
const statusChangesShown = 10;

/**
 * Judges the day's domains in two phases. Phase 1 judges every active domain on its day's numbers,
 * read without the 7-day history; phase 2 reads the history (`histories`) only for the domains it can
 * matter to, and judges those (again):
 * - flagged domains, whose listing shows the 8-day bounce-rate trend (no rule reads the trend);
 * - domains whose 554 count can reach the spike line (spike_554 is the only rule that reads the 554
 *   history, and its line is never below spike_554_min). Those are not judged in phase 1.
 * Every other domain's verdict cannot depend on the history, so its phase-1 verdict is final.
 */
export async function judgeInTwoPhases(
  days: readonly DomainDay[],
  thresholds: Thresholds,
  histories: (domains: string[]) => Promise<Map<string, DomainHistory>>,
): Promise<{ stats: DomainDay[]; report: FleetReport }> {
  const final = new Map<DomainDay, DomainVerdict>();
  const needHistory: string[] = [];
  for (const stats of days) {
    if (stats.status !== 'active') continue;
    if (!spike554CanFire(stats.c554, thresholds)) {
      const verdict = judgeDomain(stats, thresholds);
      if (verdict.verdict === 'healthy') {
        final.set(stats, verdict);
        continue;
      }
    }
    needHistory.push(stats.domain);
  }
  const read = await histories(needHistory);
  const stats = days.map((entry): DomainDay => {
    const history = read.get(entry.domain);
    return history === undefined ? entry : { ...entry, ...history };
  });
  const report = judgeFleet(stats, thresholds, (entry) => final.get(entry) ?? judgeDomain(entry, thresholds));
  return { stats, report };
}

/** Reads the day's rollups, judges every active domain (judgeInTwoPhases) and gathers the fleet's status. */
export async function computeDigest(db: pg.Pool, day: string, thresholds: Thresholds): Promise<Digest> {
  const [days, snoozes, statusCounts, statusChanges] = await Promise.all([
    fleetDays(db, day),
    activeSnoozes(db, day),
    domainStatusCounts(db),
    recentStatusChanges(db, new Date(`${day}T00:00:00Z`), new Date(`${addDays(day, 2)}T00:00:00Z`), statusChangesShown),
  ]);
  const { stats, report } = await judgeInTwoPhases(days, thresholds, (domains) => fleetHistories(db, day, domains));
  const byDomain = new Map(stats.map((entry) => [entry.domain, entry]));
  const flagged: FlaggedDomain[] = [];
  const kept: string[] = [];
  for (const verdict of report.domains) {
    if (verdict.verdict === 'healthy') continue;
    const snooze = snoozes.get(verdict.domain);
    if (snooze && snoozeHolds(snooze, verdict)) kept.push(verdict.domain);
    else flagged.push({ verdict, stats: withHistory(byDomain.get(verdict.domain)!) });
  }
  return { day, thresholds, report, flagged, kept, statusCounts, statusChanges };
}

/** A flagged domain's stats: phase 2 read its history (see judgeInTwoPhases). */
function withHistory(stats: DomainDay): DomainDayStats {
  const { c554_trailing, bounce_rate_trend } = stats;
  if (c554_trailing === undefined || bounce_rate_trend === undefined) throw new Error(`digest: no history read for flagged ${stats.domain}`);
  return { ...stats, c554_trailing, bounce_rate_trend };
}
