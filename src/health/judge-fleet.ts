import { judgeDomain } from './judge-domain.js';
import { bounceRateOf, sendsCoverBounces } from './rates.js';
import type { DomainDayNumbers } from './stats.js';
import type { Thresholds } from './thresholds.js';
import { severityRank, type DomainVerdict, type Verdict } from './verdict.js';

/** Every active domain's day added up. */
export interface FleetTotals {
  domains_checked: number;
  sent: number;
  bounces: number;
}

export interface FleetReport {
  /**
   * Active domains only. `bounce_rate` is over the domains whose sends cover their bounces: the
   * `missing_sends` domains (fewer sends than bounces; their count) are left out of it, so it is never
   * over 1; null when those domains sent nothing.
   */
  totals: FleetTotals & { bounce_rate: number | null; missing_sends: number };
  summary: Record<Verdict, number>;
  /**
   * The judged domains, most severe verdict first, then highest bounce rate (no rate last), then by
   * name: every active domain, or only those a rule may fire on (the rest are healthy, and counted).
   */
  domains: DomainVerdict[];
}

/** `_` sorts before `-` in `localeCompare`; in code points it comes after the digits. */
const underscore = 95;
const belowHyphen = 44;

/**
 * The order `localeCompare` gives domain names, without its per-call locale cost. Domain names are
 * `[a-z0-9._-]` (the store's CHECK), where the locale order is code-point order except that `_`
 * comes first (`_` < `-` < `.` < digits < letters); a prefix comes before its extensions.
 */
function byName(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return (x === underscore ? belowHyphen : x) - (y === underscore ? belowHyphen : y);
  }
  return a.length - b.length;
}

/** A verdict with its sort keys computed once, not in each of the sort's n log n comparisons. */
interface Keyed {
  verdict: DomainVerdict;
  rank: number;
  rate: number;
}

function byUrgency(a: Keyed, b: Keyed): number {
  return a.rank - b.rank || b.rate - a.rate || byName(a.verdict.domain, b.verdict.domain);
}

/** Most severe verdict first, then highest bounce rate (no rate last), then by name. */
function sortByUrgency(verdicts: readonly DomainVerdict[]): DomainVerdict[] {
  return verdicts
    .map((verdict): Keyed => ({ verdict, rank: severityRank(verdict.verdict), rate: verdict.bounce_rate ?? -1 }))
    .sort(byUrgency)
    .map((keyed) => keyed.verdict);
}

/**
 * Judges the active domains among `days`; pulled and reserved domains are neither judged nor counted.
 * `totals` are every active domain's, when `days` holds only some of them (the fleet digest reads only
 * the domains a rule may fire on): the active domains not in `days` are counted as healthy. Without
 * `totals`, `days` is the whole fleet and the totals are its sums.
 */
export function judgeFleet(days: readonly DomainDayNumbers[], thresholds: Thresholds, totals?: FleetTotals): FleetReport {
  const active = days.filter((stats) => stats.status === 'active');
  const fleet = totals ?? {
    domains_checked: active.length,
    sent: active.reduce((sum, stats) => sum + stats.sent, 0),
    bounces: active.reduce((sum, stats) => sum + stats.bounces, 0),
  };
  const domains = sortByUrgency(active.map((stats) => judgeDomain(stats, thresholds)));
  const summary: Record<Verdict, number> = { pull: 0, fix: 0, watch: 0, healthy: fleet.domains_checked - domains.length };
  for (const domain of domains) summary[domain.verdict] += 1;
  // Every domain whose sends do not cover its bounces is in `days`: missing_sends may fire on it.
  const uncovered = active.filter((stats) => !sendsCoverBounces(stats));
  const rated = {
    sent: fleet.sent - uncovered.reduce((sum, stats) => sum + stats.sent, 0),
    bounces: fleet.bounces - uncovered.reduce((sum, stats) => sum + stats.bounces, 0),
  };
  return { totals: { ...fleet, bounce_rate: bounceRateOf(rated), missing_sends: uncovered.length }, summary, domains };
}
