import { describe, expect, it } from 'vitest';
import { defaultThresholds, judgeFleet } from '../../src/health/index.js';
import { dayStats } from './day-stats.js';

const fleet = [
  dayStats({ domain: 'calm-a.com', sent: 500, bounces: 5 }),
  dayStats({ domain: 'bouncy.com', sent: 400, bounces: 40, bounce_recipients: 40, bounce_recipient_domains: 20 }),
  dayStats({ domain: 'very-bouncy.com', sent: 100, bounces: 20, bounce_recipients: 20, bounce_recipient_domains: 9 }),
  dayStats({ domain: 'dns-broken.com', sent: 300, bounces: 3, auth_failures: { spf: 3, dkim: 0, dmarc: 0, ptr: 0, multiple: 0 } }),
  dayStats({ domain: 'one-block.com', sent: 200, bounces: 2, reputation_blocks: 2, reputation_recipient_domains: 1 }),
  dayStats({ domain: 'calm-b.com', sent: 500, bounces: 10 }),
  dayStats({ domain: 'quiet.com', sent: 0, bounces: 0 }),
  dayStats({ domain: 'pulled.com', status: 'pulled', sent: 1000, bounces: 900 }),
  dayStats({ domain: 'reserve.com', status: 'reserved', sent: 50, bounces: 0 }),
];

describe('judgeFleet', () => {
  const report = judgeFleet(fleet, defaultThresholds);

  it('totals active domains only', () => {
    expect(report.totals).toEqual({ domains_checked: 7, sent: 2000, bounces: 80, bounce_rate: 0.04, missing_sends: 0 });
  });

  it('counts verdicts', () => {
    expect(report.summary).toEqual({ pull: 2, fix: 1, watch: 1, healthy: 3 });
  });

  it('leaves pulled and reserved domains out', () => {
    expect(report.domains.map((domain) => domain.domain)).not.toContain('pulled.com');
    expect(report.domains.map((domain) => domain.domain)).not.toContain('reserve.com');
  });

  it('sorts by severity, then by bounce rate (highest first, none last)', () => {
    expect(report.domains.map((domain) => [domain.domain, domain.verdict])).toEqual([
      ['very-bouncy.com', 'pull'],
      ['bouncy.com', 'pull'],
      ['dns-broken.com', 'fix'],
      ['one-block.com', 'watch'],
      ['calm-b.com', 'healthy'],
      ['calm-a.com', 'healthy'],
      ['quiet.com', 'healthy'],
    ]);
    expect(report.domains[0]?.findings[0]?.message).toBe('Bounce rate 20 % (20 of 100 sends) is over the 7 % pull line');
  });

  it('with the fleet totals given, counts the active domains it was not given as healthy', () => {
    const some = [dayStats({ domain: 'bad.com', sent: 100, bounces: 20 }), dayStats({ domain: 'fine.com', sent: 100, bounces: 1 })];
    const report = judgeFleet(some, defaultThresholds, { domains_checked: 1_000, sent: 90_000, bounces: 900 });
    expect(report.totals).toEqual({ domains_checked: 1_000, sent: 90_000, bounces: 900, bounce_rate: 0.01, missing_sends: 0 });
    expect(report.summary).toEqual({ pull: 1, fix: 0, watch: 0, healthy: 999 });
    expect(report.domains.map((domain) => domain.domain)).toEqual(['bad.com', 'fine.com']);
  });

  it('leaves the domains with fewer sends than bounces out of the fleet bounce rate, never over 100 %', () => {
    const days = [
      dayStats({ domain: 'fine.com', sent: 1000, bounces: 20 }),
      dayStats({ domain: 'no-sends.com', sent: 0, bounces: 150 }),
      dayStats({ domain: 'few-sends.com', sent: 60, bounces: 150 }),
    ];
    const report = judgeFleet(days, defaultThresholds);
    expect(report.totals).toEqual({ domains_checked: 3, sent: 1060, bounces: 320, bounce_rate: 0.02, missing_sends: 2 });
    expect(report.domains.map((domain) => [domain.domain, domain.verdict, domain.bounce_rate])).toEqual([
      ['few-sends.com', 'fix', null],
      ['no-sends.com', 'fix', null],
      ['fine.com', 'healthy', 0.02],
    ]);
    const given = judgeFleet(days.slice(1), defaultThresholds, { domains_checked: 500, sent: 50_060, bounces: 1_300 });
    expect(given.totals).toMatchObject({ bounce_rate: 1_000 / 50_000, missing_sends: 2 });
    const onlyMissing = judgeFleet(days.slice(1, 2), defaultThresholds);
    expect(onlyMissing.totals).toMatchObject({ sent: 0, bounces: 150, bounce_rate: null, missing_sends: 1 });
  });

  it('has no fleet bounce rate when nothing was sent', () => {
    const empty = judgeFleet([dayStats({ sent: 0 }), dayStats({ status: 'reserved' })], defaultThresholds);
    expect(empty.totals).toEqual({ domains_checked: 1, sent: 0, bounces: 0, bounce_rate: null, missing_sends: 0 });
    expect(judgeFleet([], defaultThresholds)).toEqual({
      totals: { domains_checked: 0, sent: 0, bounces: 0, bounce_rate: null, missing_sends: 0 },
      summary: { pull: 0, fix: 0, watch: 0, healthy: 0 },
      domains: [],
    });
  });
});

describe('judgeFleet name order', () => {
  it('orders equal verdicts and rates by name as localeCompare does, underscores first', () => {
    const names = ['b.com', 'a_b.com', 'a-b.com', 'a.b.com', 'a0.com', 'ab.com', 'a.com', 'a9-x.com', 'a_.com', 'a-.com', 'a.co'];
    const report = judgeFleet(
      names.map((domain) => dayStats({ domain })),
      defaultThresholds,
    );
    expect(report.domains.map((domain) => domain.domain)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
