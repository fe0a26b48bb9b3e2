import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyBounce, type BounceClass } from '../../src/knowledge/bounce-reading.js';
import { bounceTexts, eventKinds, type EventKind } from '../../src/demo/bounce-texts.js';
import { domainFacts } from '../../src/demo/domain-facts.js';
import { fleetDays, fleetShape, planDomain, type DemoOptions } from '../../src/demo/fleet.js';
import { fleetBatches } from '../../src/demo/generate.js';
import { sendingDomainName, sendingNameSpace } from '../../src/demo/names.js';
import { inboxProfiles, safeDailyMax } from '../../src/demo/profiles.js';
import { roleAt, roleCounts, specialRoleList, specialRoles } from '../../src/demo/roles.js';

const options: DemoOptions = { seed: 1, domains: 40, days: 14, today: '2026-11-28' };

/** A digest of every row the fleet consists of, in order. */
function fleetHash(fleet: DemoOptions): string {
  const hash = createHash('sha256');
  for (const batch of fleetBatches(fleet, 7)) hash.update(JSON.stringify(batch));
  return hash.digest('hex');
}

describe('demo fleet generator', () => {
  it('gives the same rows for the same seed and other rows for another seed', () => {
    expect(fleetHash(options)).toBe(fleetHash(options));
    expect(fleetHash({ ...options, seed: 2 })).not.toBe(fleetHash(options));
  });

  it('does not depend on the batch size', () => {
    const rows = (batchSize: number) => [...fleetBatches(options, batchSize)].flatMap((batch) => batch.bounces);
    expect(rows(40)).toEqual(rows(3));
  });

  it('generates the days up to the day before --today, UTC', () => {
    expect(fleetDays({ days: 3, today: '2026-03-01' })).toEqual(['2026-02-26', '2026-02-27', '2026-02-28']);
    const days = new Set([...fleetBatches(options, 40)].flatMap((batch) => batch.sends.map((send) => send.day)));
    expect([...days].sort()).toEqual(fleetDays(options));
  });

  it('never repeats a sending domain name, up to the whole name space', () => {
    for (const seed of [0, 1, 7]) {
      const names = new Set(Array.from({ length: 100_000 }, (_, i) => sendingDomainName(seed, i)));
      expect(names.size).toBe(100_000);
    }
    const all = new Set(Array.from({ length: sendingNameSpace }, (_, i) => sendingDomainName(3, i)));
    expect(all.size).toBe(sendingNameSpace);
  });

  it('hands out every special role its count, spread over the fleet', () => {
    for (const domains of [40, 1000, 100_000]) {
      const specials = specialRoleList(domains);
      const counts = new Map<string, number>();
      for (let i = 0; i < domains; i++) {
        const role = roleAt(specials, domains, i);
        counts.set(role, (counts.get(role) ?? 0) + 1);
      }
      for (const role of specialRoles) expect(counts.get(role), `${role} in ${domains}`).toBe(roleCounts(domains)[role]);
    }
    expect(specialRoleList(5)).toEqual(['bounce_rate', 'complaint_rate_reported', 'complaint_rate_counted', 'invalid_rate', 'reputation_block_pull']);
  });

  it('keeps every inbox within the operator guide safe limit of its type, every day', () => {
    const shape = fleetShape({ ...options, domains: 400 });
    const outside: string[] = [];
    let rows = 0;
    for (let index = 0; index < 400; index++) {
      const plan = planDomain(shape, index);
      const [least, most] = inboxProfiles[plan.inboxType].sendsPerDay;
      for (const send of domainFacts(shape, plan).sends) {
        rows++;
        if (send.sent < least || send.sent > most || send.sent > safeDailyMax(plan.provider)) {
          outside.push(`${send.sending_inbox} (${plan.inboxType}) sent ${send.sent} on ${send.day}`);
        }
      }
    }
    expect(rows).toBeGreaterThan(40_000);
    expect(outside).toEqual([]);
    expect([safeDailyMax('google'), safeDailyMax('microsoft'), safeDailyMax('smtp')]).toEqual([22, 10, 14]);
  });

  it('classifies every generated bounce with the knowledge base, and mostly as list problems', () => {
    const bounces = [...fleetBatches({ ...options, domains: 400 }, 100)].flatMap((batch) => batch.bounces);
    const categories = new Map<string, number>();
    for (const bounce of bounces) categories.set(bounce.category, (categories.get(bounce.category) ?? 0) + 1);
    expect(categories.get('unknown')).toBeUndefined();
    const permanent = bounces.filter((b) => String(b.reply_code ?? b.enhanced_code).startsWith('5'));
    const invalid = permanent.filter((b) => b.category === 'invalid_recipient').length;
    expect(invalid / permanent.length).toBeGreaterThan(0.7);
    expect(new Set(bounces.map((b) => b.external_id)).size).toBe(bounces.length);
    expect(bounces.every((b) => /^demo-1-\d+-\d{8}-\d+$/.test(b.external_id ?? ''))).toBe(true);
  });

  it('has reply texts for every kind of event, each classified the way the scripts rely on', () => {
    const expected: Record<EventKind, (c: BounceClass) => boolean> = {
      invalid: (c) => c.category === 'invalid_recipient',
      disabled: (c) => c.category === 'invalid_recipient',
      mailbox_full: (c) => c.category === 'mailbox_full',
      over_quota: (c) => c.category === 'mailbox_full' && c.reply_code === 452,
      greylisted: (c) => c.category === 'greylisted',
      throttled: (c) => c.reply_code === 421 || (c.category === 'rate_limited' && String(c.reply_code).startsWith('4')),
      dead_domain: (c) => c.category === 'invalid_recipient' && c.enhanced_code === '5.4.4',
      relay_554: (c) => c.reply_code === 554 && c.category === 'relay_denied',
      reputation: (c) => c.category === 'reputation' || c.category === 'spam_content',
      auth_spf: (c) => c.category === 'authentication' && c.auth_check === 'spf',
      auth_dmarc: (c) => c.category === 'authentication' && c.auth_check === 'dmarc',
      auth_multiple: (c) => c.category === 'authentication' && c.auth_check === 'multiple',
    };
    for (const kind of eventKinds) {
      expect(bounceTexts[kind].length, kind).toBeGreaterThan(0);
      for (const { text } of bounceTexts[kind]) {
        const filled = text
          .replaceAll('{rcpt}', 'nina.berg@velmor-logistics.com')
          .replaceAll('{rdomain}', 'velmor-logistics.com')
          .replaceAll('{sender}', 'getalbar.com')
          .replaceAll('{ip}', '203.0.113.7')
          .replaceAll('{gsmtp}', 'd9443c01a7336-2b2f1a4c1f3si1234567pld.12 - gsmtp')
          .replaceAll('{exo}', 'BN8NAM12FT041.eop-nam12.prod.protection.outlook.com');
        expect(filled).not.toMatch(/[{}]/);
        expect(expected[kind](classifyBounce(filled)), `${kind}: ${filled}`).toBe(true);
      }
    }
  });
});
