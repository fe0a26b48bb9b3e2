import { severityRank, type DomainVerdict, type RuleName, type Verdict } from '../health/verdict.js';

/** What a Keep remembers of the judgement the decider saw. */
export interface SnoozedJudgement {
  verdict: Verdict | null;
  rules: readonly RuleName[];
}

/**
 * Whether a kept domain stays out of the digest today: true unless something new happened, that
 * is a worse verdict than when it was kept, or a finding (other than info) from a rule that had not
 * flagged it then. A Keep that remembers no verdict treats any such finding as new.
 */
export function snoozeHolds(snoozed: SnoozedJudgement, today: Pick<DomainVerdict, 'verdict' | 'findings'>): boolean {
  if (snoozed.verdict !== null && severityRank(today.verdict) < severityRank(snoozed.verdict)) return false;
  return today.findings.every((finding) => finding.severity === 'info' || snoozed.rules.includes(finding.rule));
}

/**
 * Whether a Keep in force already covers a new press of Keep: the press was shown no worse a
 * verdict and no rule the Keep was not taken for, so a second Keep would add nothing.
 */
export function keepCovers(kept: SnoozedJudgement, seen: SnoozedJudgement): boolean {
  const worse = kept.verdict !== null && seen.verdict !== null && severityRank(seen.verdict) < severityRank(kept.verdict);
  return !worse && seen.rules.every((rule) => kept.rules.includes(rule));
}
