import { describe, expect, it } from 'vitest';
import { defaultThresholds, judgeDomain, parseThresholds, ThresholdsError } from '../../src/health/index.js';
import { UserFacingError } from '../../src/errors.js';
import { dayStats } from './day-stats.js';

describe('default thresholds', () => {
  it('carry the operator guide lines', () => {
    expect(defaultThresholds).toEqual({
      bounce_rate_pull: 0.07,
      complaint_rate_pull: 0.003,
      invalid_rate_fix: 0.03,
      min_sends: 50,
      reputation_pull_domains: 2,
      spike_554_min: 5,
      spike_554_multiplier: 2,
      spike_554_sigmas: 3,
      auth_failures_min: 1,
      throttled_hours_fix: 24,
    });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(defaultThresholds)).toBe(true);
  });
});

describe('parseThresholds', () => {
  it('gives the defaults when nothing is configured', () => {
    expect(parseThresholds(undefined)).toEqual(defaultThresholds);
    expect(parseThresholds(null)).toEqual(defaultThresholds);
    expect(parseThresholds('')).toEqual(defaultThresholds);
  });

  it('overrides only the keys a team sets, from an object or a JSON string', () => {
    const fromObject = parseThresholds({ bounce_rate_pull: 0.05 });
    expect(fromObject).toEqual({ ...defaultThresholds, bounce_rate_pull: 0.05 });
    const fromJson = parseThresholds('{"min_sends": 200, "throttled_hours_fix": 12}');
    expect(fromJson).toEqual({ ...defaultThresholds, min_sends: 200, throttled_hours_fix: 12 });
  });

  it('changes what the rules decide: a 6 % bounce rate pulls under a 5 % line', () => {
    const stats = dayStats({ sent: 500, bounces: 30, bounce_recipients: 30, bounce_recipient_domains: 20 });
    expect(judgeDomain(stats, defaultThresholds).verdict).toBe('healthy');
    const strict = judgeDomain(stats, parseThresholds('{"bounce_rate_pull":0.05}'));
    expect(strict.verdict).toBe('pull');
    expect(strict.findings[0]?.message).toBe('Bounce rate 6 % (30 of 500 sends) is over the 5 % pull line');
  });

  it.each([
    [{ bounce_rate_pull: 7 }, 'health thresholds: bounce_rate_pull must be a fraction above 0 and below 1, such as 0.07 for 7 % (got 7)'],
    [{ complaint_rate_pull: 0 }, 'health thresholds: complaint_rate_pull must be a fraction above 0 and below 1, such as 0.003 for 0.3 % (got 0)'],
    [{ invalid_rate_fix: '3%' }, 'health thresholds: invalid_rate_fix must be a fraction above 0 and below 1, such as 0.03 for 3 % (got "3%")'],
    [{ min_sends: 10.5 }, 'health thresholds: min_sends must be a whole number of at least 1 (got 10.5)'],
    [{ throttled_hours_fix: 0 }, 'health thresholds: throttled_hours_fix must be a whole number of at least 1 (got 0)'],
    [{ spike_554_multiplier: 0.5 }, 'health thresholds: spike_554_multiplier must be a number of at least 1 (got 0.5)'],
    [{ spike_554_sigmas: null }, 'health thresholds: spike_554_sigmas must be a number of at least 0 (got null)'],
  ])('refuses %j with a one-line message naming the key', (input, message) => {
    expect(() => parseThresholds(input)).toThrow(new ThresholdsError(message));
  });

  it('refuses an unknown key (a typo would otherwise be silently ignored) and lists the known ones', () => {
    expect(() => parseThresholds({ bounce_rate_pul: 0.05 })).toThrow(
      /^health thresholds: unknown key "bounce_rate_pul" \(known keys: bounce_rate_pull, complaint_rate_pull, .*throttled_hours_fix\)$/,
    );
  });

  it('refuses text that is not JSON, or JSON that is not an object', () => {
    expect(() => parseThresholds('{bounce_rate_pull: 0.05}')).toThrow(/^health thresholds: not valid JSON \(/);
    expect(() => parseThresholds('[0.07]')).toThrow('health thresholds: expected a JSON object of threshold names to numbers');
    expect(() => parseThresholds(0.07)).toThrow('health thresholds: expected a JSON object of threshold names to numbers');
  });

  it('throws an error the CLI shows as one line', () => {
    expect(() => parseThresholds({ min_sends: -1 })).toThrow(UserFacingError);
    try {
      parseThresholds({ min_sends: -1 });
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
