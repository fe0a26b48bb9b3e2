import type { DomainDayStats } from '../../src/health/index.js';

/** A clean, active day with enough volume to be judged; tests override only what they exercise. */
export function dayStats(overrides: Partial<DomainDayStats> = {}): DomainDayStats {
  return {
    domain: 'outreach-example.com',
    day: '2026-11-27',
    status: 'active',
    sent: 1000,
    bounces: 0,
    deferrals: 0,
    invalid: 0,
    complaints: 0,
    reported_spam_rate: null,
    reputation_blocks: 0,
    reputation_recipient_domains: 0,
    c554: 0,
    c554_trailing: [0, 0, 0, 0, 0, 0, 0],
    auth_failures: { spf: 0, dkim: 0, dmarc: 0, ptr: 0, multiple: 0 },
    throttled_hours: 0,
    bounce_recipients: 0,
    bounce_recipient_domains: 0,
    bounce_rate_trend: [0, 0, 0, 0, 0, 0, 0, 0],
    ...overrides,
  };
}
