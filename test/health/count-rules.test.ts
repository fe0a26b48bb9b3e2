import { describe, expect, it } from 'vitest';
import { defaultThresholds, judgeDomain, type DomainDayStats } from '../../src/health/index.js';
import { dayStats } from './day-stats.js';

const judge = (overrides: Partial<DomainDayStats>) => judgeDomain(dayStats(overrides), defaultThresholds);

describe('reputation_block', () => {
  it('only watches when a single recipient domain blocks on reputation', () => {
    const verdict = judge({ bounces: 4, reputation_blocks: 4, reputation_recipient_domains: 1 });
    expect(verdict.verdict).toBe('watch');
    expect(verdict.findings).toEqual([
      {
        rule: 'reputation_block',
        value: 1,
        threshold: 1,
        severity: 'watch',
        message:
          "Rejected 4 times for blocklist, reputation or spam reasons by 1 recipient domain: most likely that receiver's " +
          'own filter: investigate and watch whether other receivers follow',
      },
    ]);
  });

  it('pulls when two recipient domains block on reputation', () => {
    const verdict = judge({ bounces: 12, reputation_blocks: 12, reputation_recipient_domains: 2 });
    expect(verdict.verdict).toBe('pull');
    expect(verdict.findings[0]).toMatchObject({ rule: 'reputation_block', value: 2, threshold: 2, severity: 'pull' });
    expect(verdict.findings[0]?.message).toBe(
      "Rejected 12 times for blocklist, reputation or spam reasons by 2 recipient domains: the domain's reputation is " +
        'damaged: pull it, check blocklists and move to a warmed reserve',
    );
  });

  it('stays quiet without reputation rejections', () => {
    expect(judge({ bounces: 5, bounce_recipients: 5, bounce_recipient_domains: 5 }).verdict).toBe('healthy');
  });

  it('follows a team that wants three recipient domains before pulling', () => {
    const thresholds = { ...defaultThresholds, reputation_pull_domains: 3 };
    const two = judgeDomain(dayStats({ reputation_blocks: 5, reputation_recipient_domains: 2 }), thresholds);
    expect(two.verdict).toBe('watch');
    const three = judgeDomain(dayStats({ reputation_blocks: 5, reputation_recipient_domains: 3 }), thresholds);
    expect(three.verdict).toBe('pull');
  });
});

describe('spike_554 (watch when the day reaches the spike line)', () => {
  const spike = (c554: number, c554_trailing: number[]) =>
    judge({ bounces: c554, c554, c554_trailing }).findings.find((finding) => finding.rule === 'spike_554');
  const clean = [0, 0, 0, 0, 0, 0, 0];

  it('ignores one 554 after a clean week', () => {
    expect(spike(1, clean)).toBeUndefined();
  });

  it('needs the floor of 5 on a zero baseline: 4 is quiet, 5 fires', () => {
    expect(spike(4, clean)).toBeUndefined();
    expect(spike(5, clean)).toMatchObject({ value: 5, threshold: 5, severity: 'watch' });
  });

  it('fires on 10 after a clean week, with the numbers in the message', () => {
    const verdict = judge({ bounces: 10, c554: 10, c554_trailing: clean });
    expect(verdict.verdict).toBe('watch');
    expect(verdict.findings[0]?.message).toBe(
      '554 rejections jumped to 10 against a 7-day average of 0 a day (spike line: 5): find out what changed in copy, list or volume',
    );
  });

  it('keeps the floor on a low baseline', () => {
    const low = [1, 0, 2, 1, 0, 1, 1];
    expect(spike(4, low)).toBeUndefined();
    expect(spike(5, low)?.message).toContain('7-day average of 0.9 a day (spike line: 5)');
  });

  it('asks for twice the mean on a steady high baseline', () => {
    const steady = [20, 20, 20, 20, 20, 20, 20];
    expect(spike(39, steady)).toBeUndefined();
    expect(spike(40, steady)).toMatchObject({ value: 40, threshold: 40 });
    expect(spike(40, steady)?.message).toContain('jumped to 40 against a 7-day average of 20 a day (spike line: 40)');
  });

  it('asks for mean + 3 standard deviations on a noisy baseline', () => {
    // mean 20, population standard deviation 14.39 → line ceil(20 + 43.18) = 64, above 2 × mean = 40
    const noisy = [5, 40, 10, 35, 0, 30, 20];
    expect(spike(50, noisy)).toBeUndefined();
    expect(spike(63, noisy)).toBeUndefined();
    expect(spike(64, noisy)).toMatchObject({ threshold: 64 });
  });

  it('treats a new domain without history like a clean week', () => {
    expect(spike(4, [])).toBeUndefined();
    expect(spike(5, [])).toMatchObject({ threshold: 5 });
  });

  it('follows team overrides of the floor and multiplier', () => {
    const thresholds = { ...defaultThresholds, spike_554_min: 2, spike_554_multiplier: 3 };
    const quiet = judgeDomain(dayStats({ c554: 2, c554_trailing: [1, 1, 1, 1, 1, 1, 1] }), thresholds);
    expect(quiet.verdict).toBe('healthy');
    const fires = judgeDomain(dayStats({ c554: 3, c554_trailing: [1, 1, 1, 1, 1, 1, 1] }), thresholds);
    expect(fires.findings[0]).toMatchObject({ rule: 'spike_554', threshold: 3 });
  });
});

describe('auth_failure (fix DNS, naming the checks)', () => {
  const none = { spf: 0, dkim: 0, dmarc: 0, ptr: 0, multiple: 0 };

  it('names each failed check with its count', () => {
    const verdict = judge({ bounces: 15, auth_failures: { ...none, spf: 12, dkim: 3 } });
    expect(verdict.verdict).toBe('fix');
    expect(verdict.findings).toEqual([
      { rule: 'auth_failure', value: 15, threshold: 1, severity: 'fix', message: 'SPF failed 12 times, DKIM 3 times: fix DNS' },
    ]);
  });

  it('fires on a single failure: a failed check is a setup fault, not noise', () => {
    const verdict = judge({ bounces: 1, auth_failures: { ...none, dmarc: 1 } });
    expect(verdict.findings[0]?.message).toBe('DMARC failed 1 time: fix DNS');
  });

  it('names reverse DNS and combined failures in plain words', () => {
    const verdict = judge({ bounces: 3, auth_failures: { ...none, ptr: 1, multiple: 2 } });
    expect(verdict.findings[0]?.message).toBe('Reverse DNS (PTR) failed 1 time, several checks at once 2 times: fix DNS');
    const combinedOnly = judge({ bounces: 2, auth_failures: { ...none, multiple: 2 } });
    expect(combinedOnly.findings[0]?.message).toBe('Several checks at once failed 2 times: fix DNS');
  });

  it('stays quiet with no failures, and below a team minimum', () => {
    expect(judge({}).verdict).toBe('healthy');
    const thresholds = { ...defaultThresholds, auth_failures_min: 3 };
    const two = judgeDomain(dayStats({ auth_failures: { ...none, spf: 1, dkim: 1 } }), thresholds);
    expect(two.verdict).toBe('healthy');
    const three = judgeDomain(dayStats({ auth_failures: { ...none, spf: 2, dkim: 1 } }), thresholds);
    expect(three.findings[0]).toMatchObject({ value: 3, threshold: 3, message: 'SPF failed 2 times, DKIM 1 time: fix DNS' });
  });
});

describe('persistent_421 (fix when throttling lasts 24 hours)', () => {
  it('does not fire at 23 hours', () => {
    expect(judge({ deferrals: 300, throttled_hours: 23 }).verdict).toBe('healthy');
  });

  it('fires at 24 hours, asking to slow down', () => {
    const verdict = judge({ deferrals: 300, throttled_hours: 24 });
    expect(verdict.verdict).toBe('fix');
    expect(verdict.findings).toEqual([
      {
        rule: 'persistent_421',
        value: 24,
        threshold: 24,
        severity: 'fix',
        message:
          'Throttling deferrals (421 and other 4xx rate limits) have lasted 24 hours without a clean hour ' +
          '(line: 24 hours; 300 deferrals on the day): slow down sends per inbox and check whether the IP or domain is being throttled',
      },
    ]);
  });

  it('reports streaks longer than a day', () => {
    expect(judge({ deferrals: 900, throttled_hours: 53 }).findings[0]?.message).toContain('have lasted 53 hours');
  });

  it('follows a team override', () => {
    const verdict = judgeDomain(dayStats({ throttled_hours: 12 }), { ...defaultThresholds, throttled_hours_fix: 12 });
    expect(verdict.findings[0]).toMatchObject({ rule: 'persistent_421', value: 12, threshold: 12 });
  });
});

describe('spike_554 without the 554 history (the fleet digest reads it only where the rule can fire)', () => {
  const withoutHistory = (c554: number) => {
    const { c554_trailing: _trailing, bounce_rate_trend: _trend, ...day } = dayStats({ bounces: c554, c554 });
    return day;
  };

  it('can fire only from spike_554_min up, whatever the history', () => {
    const needsHistory = (c554: number, spike_554_min: number) => () => judgeDomain(withoutHistory(c554), { ...defaultThresholds, spike_554_min });
    expect(needsHistory(4, 5)).not.toThrow();
    expect(needsHistory(5, 5)).toThrow('spike_554: outreach-example.com has 5 554s but no c554_trailing');
    expect(needsHistory(1, 1)).toThrow('no c554_trailing');
    expect(needsHistory(0, 1)).not.toThrow();
  });

  it('is quiet below the floor without reading a history', () => {
    expect(judgeDomain(withoutHistory(4), defaultThresholds)).toEqual(judge({ bounces: 4, c554: 4 }));
  });

  it('refuses to judge a possible spike whose history was not read (absent is not zero)', () => {
    expect(() => judgeDomain(withoutHistory(5), defaultThresholds)).toThrow(/c554_trailing/);
  });
});

describe('missing_sends', () => {
  it('fixes a domain that bounced without any sends recorded, at any volume', () => {
    const verdict = judge({ sent: 0, bounces: 150, invalid: 150, bounce_recipients: 2, bounce_recipient_domains: 1 });
    expect(verdict).toMatchObject({ verdict: 'fix', bounce_rate: null, invalid_rate: null });
    expect(verdict.findings).toEqual([
      {
        rule: 'missing_sends',
        value: 150,
        threshold: 0,
        severity: 'fix',
        message:
          '150 bounces but no sends recorded: import the day’s sends of every inbox of this domain; until then its ' +
          'rates are not judged and it is left out of the fleet’s bounce rate',
      },
      expect.objectContaining({ rule: 'low_volume', severity: 'info' }),
    ]);
  });

  it('replaces a bounce rate over 100 % (fewer sends than bounces): no rate, no pull on it', () => {
    const verdict = judge({ sent: 60, bounces: 150, invalid: 150 });
    expect(verdict).toMatchObject({ verdict: 'fix', bounce_rate: null, invalid_rate: null });
    expect(verdict.findings.map((finding) => finding.rule)).toEqual(['missing_sends']);
    expect(verdict.findings[0]).toMatchObject({ value: 150, threshold: 60 });
    expect(verdict.findings[0]?.message).toMatch(/^150 bounces but only 60 sends recorded: /);
  });

  it('stays quiet while the sends cover the bounces, even when every send bounced', () => {
    const all = judge({ sent: 100, bounces: 100 });
    expect(all.findings.map((finding) => finding.rule)).not.toContain('missing_sends');
    expect(all.bounce_rate).toBe(1);
    expect(judge({ sent: 0, bounces: 0 }).findings.map((finding) => finding.rule)).toEqual(['low_volume']);
  });
});
