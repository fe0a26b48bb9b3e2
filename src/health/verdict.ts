import type { DomainStatus } from '../fleet/lifecycle.js';

/** Verdicts from most to least severe; a domain's verdict is its most severe finding. */
export const verdicts = ['pull', 'fix', 'watch', 'healthy'] as const;
export type Verdict = (typeof verdicts)[number];

/** Finding severities from most to least severe; `info` never changes a verdict. */
export const severities = ['pull', 'fix', 'watch', 'info'] as const;
export type Severity = (typeof severities)[number];

export const ruleNames = [
  'missing_sends',
  'bounce_rate',
  'complaint_rate',
  'invalid_rate',
  'reputation_block',
  'spike_554',
  'auth_failure',
  'persistent_421',
  'low_volume',
] as const;
export type RuleName = (typeof ruleNames)[number];

/** Which decision-tree branch the day's bounces fall into; null when there were none. */
export type BouncePattern = 'single_address' | 'single_recipient_domain' | 'many_recipient_domains';

export interface Finding {
  rule: RuleName;
  /** The measured number (a fraction for rate rules, a count otherwise). */
  value: number;
  /** The line the value was compared with, in the same unit. */
  threshold: number;
  severity: Severity;
  /** One sentence for an ops lead, with the numbers. */
  message: string;
}

/** One domain's result, emitted as is in the digest JSON `domains[]`. */
export interface DomainVerdict {
  domain: string;
  status: DomainStatus;
  verdict: Verdict;
  sent: number;
  bounces: number;
  bounce_rate: number | null;
  complaint_rate: number | null;
  invalid_rate: number | null;
  pattern: BouncePattern | null;
  findings: Finding[];
}

/** Lower is more severe; `info` ranks with `healthy`. */
export function severityRank(level: Severity | Verdict): number {
  return verdicts.indexOf(level === 'info' ? 'healthy' : level);
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  return verdicts.find((verdict) => findings.some((finding) => finding.severity === verdict)) ?? 'healthy';
}
