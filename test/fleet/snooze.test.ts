import { describe, expect, it } from 'vitest';
import { keepCovers, snoozeHolds } from '../../src/fleet/snooze.js';
import type { Finding, RuleName, Severity } from '../../src/health/verdict.js';

const finding = (rule: RuleName, severity: Severity): Finding => ({ rule, severity, value: 1, threshold: 0, message: '' });

describe('snoozeHolds: a kept domain stays out of the digest until something new happens', () => {
  const kept = { verdict: 'fix' as const, rules: ['bounce_rate', 'invalid_rate'] as RuleName[] };

  it('holds on the same or a milder judgement from the same rules', () => {
    expect(snoozeHolds(kept, { verdict: 'fix', findings: [finding('bounce_rate', 'fix')] })).toBe(true);
    expect(snoozeHolds(kept, { verdict: 'watch', findings: [finding('invalid_rate', 'watch')] })).toBe(true);
    expect(snoozeHolds(kept, { verdict: 'healthy', findings: [finding('low_volume', 'info')] })).toBe(true);
  });

  it('breaks on a worse verdict or a rule that had not flagged the domain', () => {
    expect(snoozeHolds(kept, { verdict: 'pull', findings: [finding('bounce_rate', 'pull')] })).toBe(false);
    expect(snoozeHolds(kept, { verdict: 'fix', findings: [finding('bounce_rate', 'fix'), finding('spike_554', 'watch')] })).toBe(false);
  });

  it('treats any finding as new when the keep remembers no judgement', () => {
    expect(snoozeHolds({ verdict: null, rules: [] }, { verdict: 'healthy', findings: [] })).toBe(true);
    expect(snoozeHolds({ verdict: null, rules: [] }, { verdict: 'watch', findings: [finding('invalid_rate', 'watch')] })).toBe(false);
  });
});

describe('keepCovers: a second Keep adds nothing when the one in force covers what it was shown', () => {
  const kept = { verdict: 'fix' as const, rules: ['bounce_rate', 'invalid_rate'] as RuleName[] };

  it('covers the same or a milder verdict from the rules it was kept for', () => {
    expect(keepCovers(kept, { verdict: 'fix', rules: ['bounce_rate'] })).toBe(true);
    expect(keepCovers(kept, { verdict: 'watch', rules: ['invalid_rate'] })).toBe(true);
    expect(keepCovers(kept, { verdict: null, rules: [] })).toBe(true);
  });

  it('does not cover a worse verdict or a new rule, so that Keep is recorded', () => {
    expect(keepCovers(kept, { verdict: 'pull', rules: ['bounce_rate'] })).toBe(false);
    expect(keepCovers(kept, { verdict: 'fix', rules: ['bounce_rate', 'spike_554'] })).toBe(false);
  });
});
