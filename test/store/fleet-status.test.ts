import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDomainStatus, upsertDomains } from '../../src/store/fleet.js';
import { domainStatusCounts, hasSendingDomains, recentStatusChanges } from '../../src/store/fleet-status.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`fleet status (${databaseLabel})`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('says whether any domain is stored, counts domains by status and lists recent status changes', async () => {
    expect(await hasSendingDomains(store.pool)).toBe(false);
    await upsertDomains(store.pool, [{ domain: 'one.example' }, { domain: 'three.example' }, { domain: 'parked.example', status: 'reserved' }]);
    await changeDomainStatus(store.pool, { domain: 'three.example', to: 'pulled', actor: 'U0ABC', source: 'cli', reason: 'bounces' });
    expect(await hasSendingDomains(store.pool)).toBe(true);
    expect(await domainStatusCounts(store.pool)).toEqual({ active: 1, pulled: 1, reserved: 1 });
    const now = Date.now();
    const recent = await recentStatusChanges(store.pool, new Date(now - 3_600_000), new Date(now + 3_600_000), 10);
    expect(recent.total).toBe(1);
    expect(recent.changes[0]).toMatchObject({ domain: 'three.example', from_status: 'active', to_status: 'pulled', actor: 'U0ABC', reason: 'bounces' });
    expect(await recentStatusChanges(store.pool, new Date(now - 7_200_000), new Date(now - 3_600_000), 10)).toEqual({ changes: [], total: 0 });
  });
});
