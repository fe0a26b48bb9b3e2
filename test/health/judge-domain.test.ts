import { describe, expect, it } from 'vitest';
import { defaultThresholds, judgeDomain, type DomainDayStats } from '../../src/health/index.js';
import { dayStats } from './day-stats.js';

const judge = (overrides: Partial<DomainDayStats>) => judgeDomain(dayStats(overrides), defaultThresholds);

describe('bounce pattern (decision tree)', () => {
  it('is null when nothing bounced', () => {
    expect(judge({}).pattern).toBeNull();
  });

  it('points at the list when every bounce went to one address', () => {
    expect(judge({ bounces: 3, bounce_recipients: 1, bounce_recipient_domains: 1 }).pattern).toBe('single_address');
  });

  it("points at one receiver's filter when many addresses on one recipient domain bounced", () => {
    expect(judge({ bounces: 30, bounce_recipients: 25, bounce_recipient_domains: 1 }).pattern).toBe('single_recipient_domain');
  });

  it('points at our own infrastructure when bounces span recipient domains', () => {
    const verdict = judge({ sent: 450, bounces: 41, bounce_recipients: 41, bounce_recipient_domains: 17 });
    expect(verdict).toMatchObject({ verdict: 'pull', pattern: 'many_recipient_domains' });
  });

  it('accepts a store that only knows "one or more" recipients (2 standing for more)', () => {
    expect(judge({ bounces: 8, bounce_recipients: 2, bounce_recipient_domains: 1 }).pattern).toBe('single_recipient_domain');
  });
});

describe('judgeDomain', () => {
  it('returns exactly the digest JSON fields, in snake_case', () => {
    const verdict = judge({ sent: 200, bounces: 4, invalid: 2, complaints: 0, bounce_recipients: 4, bounce_recipient_domains: 3 });
    expect(verdict).toEqual({
      domain: 'outreach-example.com',
      status: 'active',
      verdict: 'healthy',
      sent: 200,
      bounces: 4,
      bounce_rate: 0.02,
      complaint_rate: 0,
      invalid_rate: 0.01,
      pattern: 'many_recipient_domains',
      findings: [],
    });
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  it('takes the most severe finding as the verdict and lists findings most severe first', () => {
    const verdict = judge({
      sent: 1000,
      bounces: 80,
      invalid: 40,
      c554: 10,
      throttled_hours: 30,
      reputation_blocks: 3,
      reputation_recipient_domains: 1,
      bounce_recipients: 80,
      bounce_recipient_domains: 30,
    });
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['bounce_rate', 'pull'],
      ['invalid_rate', 'fix'],
      ['persistent_421', 'fix'],
      ['reputation_block', 'watch'],
      ['spike_554', 'watch'],
    ]);
  });

  it('ranks fix over watch', () => {
    const verdict = judge({ c554: 10, auth_failures: { spf: 2, dkim: 0, dmarc: 0, ptr: 0, multiple: 0 } });
    expect(verdict.verdict).toBe('fix');
    expect(verdict.findings.map((finding) => finding.rule)).toEqual(['auth_failure', 'spike_554']);
  });

  it('ranks watch over an informational low-volume note, which alone leaves a domain healthy', () => {
    expect(judge({ sent: 10 }).verdict).toBe('healthy');
    const verdict = judge({ sent: 10, c554: 6 });
    expect(verdict.verdict).toBe('watch');
    expect(verdict.findings.map((finding) => finding.severity)).toEqual(['watch', 'info']);
  });

  it('judges a pulled domain when asked directly, keeping its status', () => {
    const verdict = judge({ status: 'pulled', sent: 100, bounces: 20 });
    expect(verdict).toMatchObject({ status: 'pulled', verdict: 'pull' });
  });
});
