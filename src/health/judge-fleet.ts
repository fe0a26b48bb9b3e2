import { judgeDomain } from './judge-domain.js';
import type { DomainDayStats } from './stats.js';
import type { Thresholds } from './thresholds.js';
import { severityRank, type DomainVerdict, type Verdict } from './verdict.js';

export interface FleetReport {
  /** Active domains only. */
  totals: { domains_checked: number; sent: number; bounces: number; bounce_rate: number | null };
  summary: Record<Verdict, number>;
  /** Most severe verdict first, then highest bounce rate (no rate last), then by name. */
  domains: DomainVerdict[];
}

function byUrgency(a: DomainVerdict, b: DomainVerdict): number {
  return (
    severityRank(a.verdict) - severityRank(b.verdict) ||
    (b.bounce_rate ?? -1) - (a.bounce_rate ?? -1) ||
    a.domain.localeCompare(b.domain)
  );
}

/** Judges every active domain of the day; pulled and reserved domains are neither judged nor counted. */
export function judgeFleet(statsList: readonly DomainDayStats[], thresholds: Thresholds): FleetReport {
  const active = statsList.filter((stats) => stats.status === 'active');
  const domains = active.map((stats) => judgeDomain(stats, thresholds)).sort(byUrgency);
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
