import { describe, expect, it } from 'vitest';
import { judgeInTwoPhases } from '../../src/digest/digest.js';
import { defaultThresholds, judgeFleet, type DomainDay, type DomainDayStats, type DomainHistory } from '../../src/health/index.js';
import { dayStats } from '../health/day-stats.js';

const withoutHistory = ({ c554_trailing: _trailing, bounce_rate_trend: _trend, ...day }: DomainDayStats): DomainDay => day;

const full = [
  dayStats({ domain: 'calm.example' }),
  dayStats({ domain: 'bouncy.example', bounces: 120, bounce_recipients: 2, bounce_recipient_domains: 9, bounce_rate_trend: [0, 0, 0, 0.01, 0.02, 0.05, 0.08, 0.12] }),
  // 554s at the floor after a clean week: a spike.
  dayStats({ domain: 'spiking.example', bounces: 6, c554: 6, c554_trailing: [0, 0, 0, 0, 0, 0, 0] }),
  // The same count on a noisy week: no spike, healthy; only the history tells.
  dayStats({ domain: 'noisy.example', bounces: 6, c554: 6, c554_trailing: [4, 9, 3, 8, 5, 7, 6] }),
  // Under the floor: the history cannot matter.
  dayStats({ domain: 'few-554.example', bounces: 4, c554: 4, c554_trailing: [0, 0, 0, 0, 0, 0, 0] }),
  dayStats({ domain: 'pulled.example', status: 'pulled', bounces: 900 }),
];

describe('judgeInTwoPhases', () => {
  it('reads the history only for flagged domains and possible 554 spikes, and judges as with every history read', async () => {
    const asked: string[][] = [];
    const histories = async (domains: string[]) => {
      asked.push(domains);
      return new Map<string, DomainHistory>(
        full
          .filter((stats) => domains.includes(stats.domain))
          .map((stats) => [stats.domain, { c554_trailing: stats.c554_trailing, bounce_rate_trend: stats.bounce_rate_trend }]),
      );
    };
    const { stats, report } = await judgeInTwoPhases(full.map(withoutHistory), defaultThresholds, histories);
    expect(asked).toEqual([['bouncy.example', 'spiking.example', 'noisy.example']]);
    expect(report).toEqual(judgeFleet(full, defaultThresholds));
    expect(report.domains.find((domain) => domain.domain === 'spiking.example')?.findings.map((finding) => finding.rule)).toEqual(['spike_554']);
    expect(report.domains.find((domain) => domain.domain === 'noisy.example')?.verdict).toBe('healthy');
    expect(stats.find((entry) => entry.domain === 'bouncy.example')?.bounce_rate_trend).toEqual(full[1]!.bounce_rate_trend);
    expect(stats.find((entry) => entry.domain === 'calm.example')?.bounce_rate_trend).toBeUndefined();
  });
});
