import { describe, expect, it } from 'vitest';
import { judgeDomain } from '../../../src/health/index.js';
import { defaultThresholds } from '../../../src/health/thresholds.js';
import { domainCardBlocks } from '../../../src/slack/blocks/domain-card.js';
import { dayStats } from '../../health/day-stats.js';

const stats = dayStats({ bounces: 20, sent: 1000 });
const card = (sequencerBounces: number | null) =>
  JSON.stringify(
    domainCardBlocks({ verdict: judgeDomain(stats, defaultThresholds), stats, week: [], statusSince: new Date('2026-11-01T00:00:00Z'), thresholds: defaultThresholds, sequencerBounces, postmaster: null, dnsAudit: null }),
  );

describe('the domain card and the bounces the sequencer counted', () => {
  it('says how many bounces never reached smtp-desk when the sequencer counted more', () => {
    expect(card(26)).toContain('The sequencer counted 26 bounces on 2026-11-27; 20 reached smtp-desk as events. 6 missing: check the webhook and `smtp-desk rejects`.');
  });

  it('says nothing of it when the counts agree, when smtp-desk has more, or when no count was imported', () => {
    for (const counted of [20, 12, null]) expect(card(counted)).not.toContain('The sequencer counted');
  });
});
