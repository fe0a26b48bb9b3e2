import { describe, expect, it } from 'vitest';
import { defaultThresholds, judgeDomain, type DomainDayStats } from '../../src/health/index.js';
import { dayStats } from './day-stats.js';

const judge = (overrides: Partial<DomainDayStats>) => judgeDomain(dayStats(overrides), defaultThresholds);
const findingOf = (overrides: Partial<DomainDayStats>, rule: string) =>
  judge(overrides).findings.find((finding) => finding.rule === rule);

describe('bounce_rate (pull over 7 %)', () => {
  it('does not fire exactly at 7 %', () => {
    const verdict = judge({ sent: 100, bounces: 7 });
    expect(verdict.bounce_rate).toBe(0.07);
    expect(verdict.verdict).toBe('healthy');
    expect(verdict.findings).toEqual([]);
  });

  it('pulls at 7.01 %, printing enough decimals to show it is over', () => {
    const verdict = judge({ sent: 10_000, bounces: 701 });
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings).toEqual([
      {
        rule: 'bounce_rate',
        value: 0.0701,
        threshold: 0.07,
        severity: 'pull',
        message: 'Bounce rate 7.01 % (701 of 10,000 sends) is over the 7 % pull line',
      },
    ]);
  });

  it('adds decimals until the rate reads differently from the line', () => {
    expect(findingOf({ sent: 100_000, bounces: 7004 }, 'bounce_rate')?.message).toBe(
      'Bounce rate 7.004 % (7,004 of 100,000 sends) is over the 7 % pull line',
    );
  });

  it('words a typical bad day the way an ops lead reads it', () => {
    expect(findingOf({ sent: 450, bounces: 41 }, 'bounce_rate')?.message).toBe(
      'Bounce rate 9.1 % (41 of 450 sends) is over the 7 % pull line',
    );
  });

  it('does not count deferrals (4xx) as bounces', () => {
    const verdict = judge({ sent: 100, bounces: 2, deferrals: 60 });
    expect(verdict.bounce_rate).toBe(0.02);
    expect(verdict.verdict).toBe('healthy');
  });
});

describe('complaint_rate (pull over 0.3 %)', () => {
  it('does not fire exactly at 0.3 % of counted complaints', () => {
    const verdict = judge({ sent: 1000, complaints: 3 });
    expect(verdict.complaint_rate).toBe(0.003);
    expect(verdict.verdict).toBe('healthy');
  });

  it('pulls just over 0.3 %, naming the complaints and sends', () => {
    const verdict = judge({ sent: 10_000, complaints: 31 });
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings[0]?.message).toBe(
      'Spam complaint rate 0.31 % (31 complaints in 10,000 sends) is over the 0.3 % pull line',
    );
  });

  it("uses the provider's reported spam rate when there is one", () => {
    const verdict = judge({ sent: 1000, complaints: 0, reported_spam_rate: 0.004 });
    expect(verdict.complaint_rate).toBe(0.004);
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings[0]).toMatchObject({ rule: 'complaint_rate', value: 0.004, threshold: 0.003 });
    expect(verdict.findings[0]?.message).toBe(
      'Spam complaint rate 0.4 % (as reported by the mailbox provider) is over the 0.3 % pull line',
    );
  });

  it('lets a low reported rate win over a high complaint count', () => {
    const verdict = judge({ sent: 1000, complaints: 10, reported_spam_rate: 0.002 });
    expect(verdict.complaint_rate).toBe(0.002);
    expect(verdict.verdict).toBe('healthy');
  });

  it('has no complaint rate (and no finding) without any complaint data', () => {
    const verdict = judge({ sent: 1000, complaints: null, reported_spam_rate: null });
    expect(verdict.complaint_rate).toBeNull();
    expect(verdict.verdict).toBe('healthy');
  });
});

describe('invalid_rate (fix over 3 %)', () => {
  it('does not fire exactly at 3 %', () => {
    expect(judge({ sent: 1000, bounces: 30, invalid: 30 }).verdict).toBe('healthy');
  });

  it('asks for a list-verification audit just over 3 %', () => {
    const verdict = judge({ sent: 1000, bounces: 31, invalid: 31, bounce_recipients: 31, bounce_recipient_domains: 25 });
    expect(verdict.verdict).toBe('fix');
    expect(verdict.invalid_rate).toBe(0.031);
    expect(verdict.findings).toEqual([
      {
        rule: 'invalid_rate',
        value: 0.031,
        threshold: 0.03,
        severity: 'fix',
        message:
          'Invalid-address rate 3.1 % (31 of 1,000 sends bounced as invalid addresses) is over the 3 % line: ' +
          'audit how this list was verified',
      },
    ]);
  });
});

describe('low_volume (rates not judged under 50 sends)', () => {
  it('never pulls a domain for one bounce in three sends', () => {
    const verdict = judge({ sent: 3, bounces: 1, invalid: 1, complaints: 1, bounce_recipients: 1, bounce_recipient_domains: 1 });
    expect(verdict.verdict).toBe('healthy');
    expect(verdict.bounce_rate).toBeCloseTo(1 / 3);
    expect(verdict.findings).toEqual([
      {
        rule: 'low_volume',
        value: 3,
        threshold: 50,
        severity: 'info',
        message: 'Only 3 sends, under the 50 sends needed to judge rates: bounce, complaint and invalid-address rates were not judged',
      },
    ]);
  });

  it('skips rates at 49 sends and judges them at 50', () => {
    const at49 = judge({ sent: 49, bounces: 4 });
    expect(at49.verdict).toBe('healthy');
    expect(at49.findings.map((finding) => finding.rule)).toEqual(['low_volume']);
    expect(at49.findings[0]?.message).toContain('Only 49 sends, under the 50 sends');

    const at50 = judge({ sent: 50, bounces: 4 });
    expect(at50.verdict).toBe('pull');
    expect(at50.findings.map((finding) => finding.rule)).toEqual(['bounce_rate']);
    expect(at50.findings[0]?.message).toBe('Bounce rate 8 % (4 of 50 sends) is over the 7 % pull line');
  });

  it('also skips a reported spam rate on a low-volume day', () => {
    expect(judge({ sent: 10, reported_spam_rate: 0.01 }).verdict).toBe('healthy');
  });

  it('says so plainly on a day without sends, with no rates', () => {
    const verdict = judge({ sent: 0, complaints: 0 });
    expect(verdict).toMatchObject({ bounce_rate: null, complaint_rate: null, invalid_rate: null, verdict: 'healthy' });
    expect(verdict.findings[0]?.message).toBe(
      'No sends, under the 50 sends needed to judge rates: bounce, complaint and invalid-address rates were not judged',
    );
  });

  it('still applies the count rules on a low-volume day', () => {
    const verdict = judge({ sent: 20, bounces: 6, reputation_blocks: 6, reputation_recipient_domains: 3 });
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['reputation_block', 'pull'],
      ['low_volume', 'info'],
    ]);
  });

  it('follows a team override of the minimum', () => {
    const verdict = judgeDomain(dayStats({ sent: 100, bounces: 10 }), { ...defaultThresholds, min_sends: 200 });
    expect(verdict.verdict).toBe('healthy');
    expect(verdict.findings[0]?.message).toContain('Only 100 sends, under the 200 sends needed to judge rates');
  });
});
