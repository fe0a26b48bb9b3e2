import type { ActionsBlock, Button } from '@slack/types';
import { z } from 'zod';
import { ruleNames, verdicts, type RuleName, type Verdict } from '../../health/verdict.js';
import { decisionsFrom, domainStatuses, type DomainDecision, type DomainStatus } from '../../fleet/lifecycle.js';
import { blockKitLimits, truncate } from './limits.js';

/** The action_id the button for each domain decision carries. */
export const domainActionIds = {
  pull: 'domain_pull',
  reserve: 'domain_reserve',
  reactivate: 'domain_reactivate',
  keep: 'domain_keep',
} as const satisfies Record<DomainDecision, string>;

/**
 * What a domain button's `value` carries: a small reference, never the state itself. `from` is the
 * status the clicker saw, so a decision taken on a stale message is refused instead of applied.
 */
export const domainButtonValueSchema = z.strictObject({
  domain: z.string().min(1).max(253),
  from: z.enum(domainStatuses),
  day: z.iso.date().optional(),
  /** The verdict and the rules that flagged the domain, as the clicker saw them (Keep remembers them). */
  verdict: z.enum(verdicts).optional(),
  rules: z.array(z.enum(ruleNames)).max(ruleNames.length).optional(),
});
export type DomainButtonValue = z.infer<typeof domainButtonValueSchema>;

export function encodeDomainButtonValue(value: DomainButtonValue): string {
  return JSON.stringify(value);
}

/** Parses a button value from Slack; null when it is not one of ours (forged or garbled). */
export function decodeDomainButtonValue(raw: string | undefined): DomainButtonValue | null {
  try {
    const parsed = domainButtonValueSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const labels: Record<DomainDecision, string> = {
  pull: 'Pull domain',
  reserve: 'Mark reserve',
  reactivate: 'Reactivate',
  keep: 'Keep',
};

export interface DomainButtonsInput {
  domain: string;
  status: DomainStatus;
  /** The digest day the buttons belong to (Keep snoozes from it). */
  day?: string;
  /** Plain-words reasons shown in the Pull confirmation, most severe first. */
  findings?: readonly string[];
  /** The day's verdict and the rules behind the findings: recorded with a decision, and what Keep compares with later. */
  verdict?: Verdict;
  rules?: readonly RuleName[];
}

function pullConfirm(domain: string, findings: readonly string[]): NonNullable<Button['confirm']> {
  const why = findings.length > 0 ? findings.join(' ') : 'No rule flagged it today.';
  return {
    title: { type: 'plain_text', text: truncate(`Pull ${domain}?`, blockKitLimits.confirmTitle) },
    text: {
      type: 'plain_text',
      text: truncate(`It stops sending until someone reactivates it. ${why}`, blockKitLimits.confirmText),
    },
    confirm: { type: 'plain_text', text: 'Pull domain' },
    deny: { type: 'plain_text', text: 'Cancel' },
    style: 'danger',
  };
}

/** The buttons for one domain: Pull (danger, confirmed) / Mark reserve / Keep, or Reactivate. */
export function domainButtons(input: DomainButtonsInput): ActionsBlock {
  const value = encodeDomainButtonValue({
    domain: input.domain,
    from: input.status,
    ...(input.day ? { day: input.day } : {}),
    ...(input.verdict ? { verdict: input.verdict } : {}),
    ...(input.rules && input.rules.length > 0 ? { rules: [...new Set(input.rules)] } : {}),
  });
  const elements: Button[] = decisionsFrom[input.status].map((decision) => ({
    type: 'button',
    action_id: domainActionIds[decision],
    text: { type: 'plain_text', text: labels[decision] },
    value,
    ...(decision === 'pull' ? { style: 'danger' as const, confirm: pullConfirm(input.domain, input.findings ?? []) } : {}),
    ...(decision === 'reactivate' ? { style: 'primary' as const } : {}),
  }));
  return { type: 'actions', block_id: truncate(`domain:${input.domain}`, blockKitLimits.blockId), elements };
}
