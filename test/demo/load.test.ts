import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetDays, type DemoOptions } from '../../src/demo/fleet.js';
import { computeDigest } from '../../src/digest/digest.js';
import { loadDemoFleet, type LoadSummary } from '../../src/demo/load.js';
import { safeDailyMax } from '../../src/demo/profiles.js';
import type { SpecialRole } from '../../src/demo/roles.js';
import { defaultThresholds, judgeDomain, type RuleName, type Severity } from '../../src/health/index.js';
import type { Queryable } from '../../src/store/store.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { fleetDayStats } from './fleet-stats.js';

const options: DemoOptions = { seed: 1, domains: 40, days: 14, today: '2026-11-28' };
const judgedDay = fleetDays(options).at(-1)!;

/** The rule (and severity) each made-to-break domain must show in the digest of the last day, and nothing else. */
const expectedFindings: Record<Exclude<SpecialRole, 'pulled_for_bounces' | 'pulled_for_complaints' | 'reserved'>, [RuleName, Severity]> = {
  bounce_rate: ['bounce_rate', 'pull'],
  complaint_rate_reported: ['complaint_rate', 'pull'],
  complaint_rate_counted: ['complaint_rate', 'pull'],
  invalid_rate: ['invalid_rate', 'fix'],
  reputation_block_pull: ['reputation_block', 'pull'],
  reputation_block_watch: ['reputation_block', 'watch'],
  spike_554: ['spike_554', 'watch'],
  auth_failure: ['auth_failure', 'fix'],
  persistent_421: ['persistent_421', 'fix'],
  low_volume: ['low_volume', 'info'],
};

/** Every stored row of the fleet's tables, without identities and load timestamps, in a stable order. */
async function dump(db: Queryable): Promise<unknown[]> {
  const queries = [
    "SELECT domain, status, provider, CASE WHEN status <> 'active' THEN status_changed_at END AS changed FROM sending_domains ORDER BY domain",
    'SELECT address, domain, provider FROM sending_inboxes ORDER BY address',
    'SELECT domain, at, actor, from_status, to_status, reason, source FROM domain_status_history ORDER BY domain, at',
    'SELECT day::text, sending_inbox, sent FROM daily_sends ORDER BY day, sending_inbox',
    `SELECT occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, auth_check, provider,
            sequencer, campaign, external_id FROM bounce_events ORDER BY sequencer, external_id`,
    'SELECT day::text, sending_domain, complaints, spam_rate::text FROM daily_complaints ORDER BY day, sending_domain',
  ];
  const results = [];
  for (const sql of queries) results.push((await db.query(sql)).rows);
  return results;
}

describe(`demo fleet loaded into ${databaseLabel}`, () => {
  let store: TestStore;
  let first: LoadSummary;
  beforeAll(async () => {
    store = await openTestStore();
    first = await loadDemoFleet(store.pool, options);
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  it('stores every generated row', async () => {
    expect(first.added).toEqual({
      domains: first.generated.domains,
      inboxes: first.generated.inboxes,
      sendRows: first.generated.sendRows,
      bounceEvents: first.generated.bounceEvents,
      complaintRows: first.generated.complaintRows,
      statusChanges: first.generated.statusChanges,
    });
    const { rows } = await store.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM bounce_events');
    expect(Number(rows[0]!.n)).toBe(first.generated.bounceEvents);
  });

  it('makes each rule-breaking domain break exactly its rule in the digest of the last day, and leaves the rest healthy', async () => {
    const roleOf = new Map([...first.roles].flatMap(([role, domains]) => domains.map((domain) => [domain, role] as const)));
    const stats = await fleetDayStats(store.pool, judgedDay);
    expect(stats).toHaveLength(options.domains);
    const seen = new Set<string>();
    for (const day of stats) {
      const role = roleOf.get(day.domain) ?? 'healthy';
      const verdict = judgeDomain(day, defaultThresholds);
      const findings = verdict.findings.map((f) => [f.rule, f.severity]);
      if (role in expectedFindings) {
        expect(findings, `${day.domain} (${role})`).toEqual([expectedFindings[role as keyof typeof expectedFindings]]);
        expect(day.status).toBe('active');
        seen.add(role);
      } else if (role === 'healthy') {
        expect(findings, day.domain).toEqual([]);
        expect(day.status).toBe('active');
      } else {
        expect(day.status, `${day.domain} (${role})`).toBe(role === 'reserved' ? 'reserved' : 'pulled');
        expect(day.sent).toBe(0);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(expectedFindings).sort());
  });

  it('shows the same domains, each with its rule, in the digest the service computes for the last day', async () => {
    const digest = await computeDigest(store.pool, judgedDay, defaultThresholds);
    const flagged = new Map(digest.flagged.map(({ verdict }) => [verdict.domain, verdict.findings.map((f) => [f.rule, f.severity])]));
    const expected = new Map(
      Object.entries(expectedFindings)
        .filter(([, [, severity]]) => severity !== 'info')
        .map(([role, finding]) => [first.roles.get(role as SpecialRole)![0]!, [finding]]),
    );
    expect(flagged).toEqual(expected);
    expect(digest.report.totals.domains_checked).toBe(options.domains - 5);
    // A healthy domain is judged only in the full listing (--all).
    const lowVolumeDomain = first.roles.get('low_volume')![0];
    expect(digest.report.domains.find((d) => d.domain === lowVolumeDomain)).toBeUndefined();
    const listing = await computeDigest(store.pool, judgedDay, defaultThresholds, true);
    expect(listing.report.summary).toEqual(digest.report.summary);
    const lowVolume = listing.report.domains.find((d) => d.domain === lowVolumeDomain);
    expect(lowVolume).toMatchObject({ verdict: 'healthy', findings: [{ rule: 'low_volume', severity: 'info' }] });
  });

  it('records the pulled and reserved domains with history rows from the demo', async () => {
    const { rows } = await store.pool.query<{ domain: string; from_status: string; to_status: string; source: string; actor: string }>(
      'SELECT domain, from_status, to_status, source, actor FROM domain_status_history ORDER BY domain',
    );
    const outOfRotation = [...(first.roles.get('pulled_for_bounces') ?? []), ...(first.roles.get('pulled_for_complaints') ?? []), ...(first.roles.get('reserved') ?? [])];
    expect(rows.map((r) => r.domain).sort()).toEqual(outOfRotation.sort());
    for (const row of rows) expect(row).toMatchObject({ from_status: 'active', source: 'demo', actor: 'demo' });
    expect(rows.filter((r) => r.to_status === 'reserved')).toHaveLength(3);
    expect(rows.filter((r) => r.to_status === 'pulled')).toHaveLength(2);
  });

  it('keeps every inbox under the safe daily limit of its provider', async () => {
    const { rows } = await store.pool.query<{ provider: 'google' | 'microsoft' | 'smtp'; most: number }>(
      `SELECT i.provider, max(s.sent) AS most FROM daily_sends s JOIN sending_inboxes i ON i.address = s.sending_inbox GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.provider)).toEqual(['google', 'microsoft', 'smtp']);
    for (const row of rows) expect(row.most, row.provider).toBeLessThanOrEqual(safeDailyMax(row.provider));
  });

  it('adds nothing when loaded again with the same seed', async () => {
    const before = await dump(store.pool);
    const again = await loadDemoFleet(store.pool, options);
    expect(again.added).toEqual({ domains: 0, inboxes: 0, sendRows: 0, bounceEvents: 0, complaintRows: 0, statusChanges: 0 });
    expect(await dump(store.pool)).toEqual(before);
  }, 60_000);

  it('stores identical rows for the same seed in another database', async () => {
    const other = await openTestStore();
    try {
      await loadDemoFleet(other.pool, options, { batchSize: 9, concurrency: 2 });
      expect(await dump(other.pool)).toEqual(await dump(store.pool));
    } finally {
      await other.close();
    }
  }, 120_000);
});
