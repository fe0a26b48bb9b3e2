import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDomainStatus, upsertDomains } from '../../src/store/fleet.js';
import { activeSnoozes, snoozeDomain } from '../../src/store/snoozes.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`domain snoozes on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
    await upsertDomains(store.pool, [{ domain: 'kept.example' }, { domain: 'later-pulled.example' }, { domain: 'spare.example', status: 'reserved' }]);
  });
  afterAll(async () => store.close());

  const keep = { day: '2026-11-27', days: 3, actor: 'U0APPROVER', source: 'button' as const, verdict: 'fix' as const, rules: ['bounce_rate' as const] };

  it('keeps an active domain once per Slack press, for its days, and returns the latest keep', async () => {
    const first = await snoozeDomain(store.pool, { ...keep, domain: 'kept.example', slackActionTs: '1.1' });
    expect(first).toMatchObject({ outcome: 'snoozed', snooze: { domain: 'kept.example', day: '2026-11-27', until_day: '2026-11-30', verdict: 'fix', rules: ['bounce_rate'] } });
    expect(await snoozeDomain(store.pool, { ...keep, domain: 'kept.example', slackActionTs: '1.1' })).toEqual({ outcome: 'duplicate', status: 'active' });
    await snoozeDomain(store.pool, { ...keep, domain: 'kept.example', day: '2026-11-28', verdict: 'pull', rules: ['bounce_rate', 'spike_554'], slackActionTs: '1.2' });

    expect(await activeSnoozes(store.pool, '2026-11-26')).toEqual(new Map());
    expect((await activeSnoozes(store.pool, '2026-11-27')).get('kept.example')).toMatchObject({ verdict: 'fix', until_day: '2026-11-30' });
    expect((await activeSnoozes(store.pool, '2026-11-30')).get('kept.example')).toMatchObject({ verdict: 'pull', rules: ['bounce_rate', 'spike_554'], until_day: '2026-12-01' });
    expect((await activeSnoozes(store.pool, '2026-12-01')).has('kept.example')).toBe(false);
  });

  it('keeps only active domains and ends a keep when the status changes', async () => {
    expect(await snoozeDomain(store.pool, { ...keep, domain: 'spare.example' })).toEqual({ outcome: 'not_active', status: 'reserved' });
    expect(await snoozeDomain(store.pool, { ...keep, domain: 'none.example' })).toEqual({ outcome: 'unknown_domain' });

    await snoozeDomain(store.pool, { ...keep, domain: 'later-pulled.example' });
    expect((await activeSnoozes(store.pool, '2026-11-27')).has('later-pulled.example')).toBe(true);
    await changeDomainStatus(store.pool, { domain: 'later-pulled.example', to: 'pulled', actor: 'U0APPROVER', source: 'button' });
    await changeDomainStatus(store.pool, { domain: 'later-pulled.example', to: 'active', actor: 'U0APPROVER', source: 'button' });
    expect((await activeSnoozes(store.pool, '2026-11-27')).has('later-pulled.example')).toBe(false);
  });
});
