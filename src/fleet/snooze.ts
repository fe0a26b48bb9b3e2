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
