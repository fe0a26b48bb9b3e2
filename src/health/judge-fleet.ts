import { judgeDomain } from './judge-domain.js';
import type { DomainDay } from './stats.js';
import type { Thresholds } from './thresholds.js';
import { severityRank, type DomainVerdict, type Verdict } from './verdict.js';

export interface FleetReport {
  /** Active domains only. */
  totals: { domains_checked: number; sent: number; bounces: number; bounce_rate: number | null };
  summary: Record<Verdict, number>;
  /** Most severe verdict first, then highest bounce rate (no rate last), then by name. */
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
 * Judges every active domain of the day; pulled and reserved domains are neither judged nor counted.
 * `judge` (default `judgeDomain`) lets a caller reuse verdicts it already has for some domains.
 */
export function judgeFleet(
  statsList: readonly DomainDay[],
  thresholds: Thresholds,
  judge: (stats: DomainDay) => DomainVerdict = (stats) => judgeDomain(stats, thresholds),
): FleetReport {
  const active = statsList.filter((stats) => stats.status === 'active');
  const domains = sortByUrgency(active.map((stats) => judge(stats)));
  const sent = active.reduce((sum, stats) => sum + stats.sent, 0);
  const bounces = active.reduce((sum, stats) => sum + stats.bounces, 0);
  const summary: Record<Verdict, number> = { pull: 0, fix: 0, watch: 0, healthy: 0 };
  for (const domain of domains) summary[domain.verdict] += 1;
  return {
    totals: { domains_checked: active.length, sent, bounces, bounce_rate: sent > 0 ? bounces / sent : null },
    summary,
    domains,
  };
}
