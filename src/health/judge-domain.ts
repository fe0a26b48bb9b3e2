import { bouncePattern } from './pattern.js';
import { dayRates } from './rates.js';
import { rules } from './rules/index.js';
import { isLowVolume } from './rules/low-volume.js';
import type { DomainDayNumbers } from './stats.js';
import type { Thresholds } from './thresholds.js';
import { severityRank, verdictOf, type DomainVerdict, type Finding } from './verdict.js';

/**
 * Judges one domain's day against the thresholds, whatever its status (the fleet digest skips
 * non-active domains; a single-domain lookup may still want the numbers). Findings are listed most
 * severe first; the verdict is the most severe finding, or healthy.
 */
export function judgeDomain(stats: DomainDayNumbers, thresholds: Thresholds): DomainVerdict {
  const rates = dayRates(stats);
  const ratesJudged = !isLowVolume(stats, thresholds);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!ratesJudged && rule.judgesRates) continue;
    const judgement = rule.check({ stats, thresholds, rates });
    if (judgement !== null) findings.push({ rule: rule.name, ...judgement });
  }
  // Stable: findings of equal severity keep the rules' order.
  if (findings.length > 1) findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  return {
    domain: stats.domain,
    status: stats.status,
    verdict: verdictOf(findings),
    sent: stats.sent,
    bounces: stats.bounces,
    bounce_rate: rates.bounce_rate,
    complaint_rate: rates.complaint_rate,
    invalid_rate: rates.invalid_rate,
    pattern: bouncePattern(stats),
    findings,
  };
}
