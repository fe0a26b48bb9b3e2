import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replacementsFor } from '../../src/fleet/reserves.js';
import { changeDomainStatus, domainHistory, getDomain, upsertDomains, upsertInboxes } from '../../src/store/fleet.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`fleet store on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('creates domains once, keeps their status, records providers', async () => {
    expect(await upsertDomains(store.pool, [{ domain: 'one.example', provider: 'google' }, { domain: 'spare.example', status: 'reserved' }])).toBe(2);
    expect(await upsertDomains(store.pool, [{ domain: 'one.example', status: 'pulled' }, { domain: 'spare.example', provider: 'microsoft' }])).toBe(0);
    expect(await getDomain(store.pool, 'one.example')).toMatchObject({ status: 'active', provider: 'google' });
    expect(await getDomain(store.pool, 'spare.example')).toMatchObject({ status: 'reserved', provider: 'microsoft' });
    expect(await getDomain(store.pool, 'none.example')).toBeNull();
    expect((await replacementsFor(store.pool, 'one.example')).map((d) => d.domain)).toEqual(['spare.example']);
  });

  it('creates inboxes with their domains', async () => {
    expect(await upsertInboxes(store.pool, [{ address: 'ana@two.example', provider: 'smtp' }, { address: 'bo@two.example' }])).toBe(2);
    expect(await upsertInboxes(store.pool, [{ address: 'ana@two.example' }])).toBe(0);
    const { rows } = await store.pool.query('SELECT address, domain, provider FROM sending_inboxes WHERE domain = $1 ORDER BY address', ['two.example']);
    expect(rows).toEqual([
      { address: 'ana@two.example', domain: 'two.example', provider: 'smtp' },
      { address: 'bo@two.example', domain: 'two.example', provider: null },
    ]);
    expect(await getDomain(store.pool, 'two.example')).toMatchObject({ status: 'active' });
  });

  it('changes a status once, with history, and tells why it did not otherwise', async () => {
    const base = { domain: 'one.example', actor: 'U0123', source: 'button' as const, slackActionTs: '1700000000.000100' };
    const pulled = await changeDomainStatus(store.pool, { ...base, to: 'pulled', from: ['active'], reason: 'bounce rate 9 %' });
    expect(pulled).toMatchObject({ outcome: 'changed', from: 'active', to: 'pulled' });
    expect(await changeDomainStatus(store.pool, { ...base, to: 'pulled', from: ['active'] })).toEqual({ outcome: 'unchanged', status: 'pulled' });
    expect(await changeDomainStatus(store.pool, { ...base, to: 'reserved' })).toEqual({ outcome: 'duplicate', status: 'pulled' });
    expect(await changeDomainStatus(store.pool, { ...base, slackActionTs: null, to: 'reserved', from: ['active'] })).toEqual({ outcome: 'not_allowed', status: 'pulled' });
    expect(await changeDomainStatus(store.pool, { ...base, domain: 'none.example', to: 'pulled' })).toEqual({ outcome: 'unknown_domain' });
    const domain = await getDomain(store.pool, 'one.example');
    expect(domain).toMatchObject({ status: 'pulled' });
    expect(domain!.status_changed_at).toEqual(pulled.outcome === 'changed' ? pulled.at : undefined);
    expect(await domainHistory(store.pool, 'one.example')).toEqual([
      expect.objectContaining({ actor: 'U0123', from_status: 'active', to_status: 'pulled', reason: 'bounce rate 9 %', source: 'button', slack_action_ts: '1700000000.000100' }),
    ]);
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    await upsertDomains(store.pool, [{ domain: 'race.example' }]);
    const results = await Promise.all(
      ['U1', 'U2'].map((actor) => changeDomainStatus(store.pool, { domain: 'race.example', to: 'pulled', from: ['active'], actor, source: 'button' })),
    );
    expect(results.map((r) => r.outcome).sort()).toEqual(['changed', 'unchanged']);
    expect(await domainHistory(store.pool, 'race.example')).toHaveLength(1);
  });

  it('keeps the history append-only and the status changeable only through it', async () => {
    await expect(store.pool.query('UPDATE domain_status_history SET actor = $1', ['someone'])).rejects.toMatchObject({ code: 'SD405' });
    await expect(store.pool.query('DELETE FROM domain_status_history')).rejects.toMatchObject({ code: 'SD405' });
    // CASCADE: past the outbox's foreign key to the history, to the history's own guard.
    await expect(store.pool.query('TRUNCATE domain_status_history CASCADE')).rejects.toMatchObject({ code: 'SD405' });
    await expect(store.pool.query("UPDATE sending_domains SET status = 'active' WHERE domain = 'one.example'")).rejects.toMatchObject({ code: 'SD405' });
    await store.pool.query("UPDATE sending_domains SET provider = 'google' WHERE domain = 'one.example'");
  });

  it('applies a plain-SQL history row, and refuses one written against a stale status', async () => {
    await store.pool.query(
      "INSERT INTO domain_status_history (domain, actor, to_status, reason, source) VALUES ('one.example', 'ops-lead', 'active', 'fixed DNS', 'cli')",
    );
    expect(await getDomain(store.pool, 'one.example')).toMatchObject({ status: 'active' });
    await expect(
      store.pool.query("INSERT INTO domain_status_history (domain, actor, from_status, to_status, source) VALUES ('one.example', 'x', 'pulled', 'reserved', 'cli')"),
    ).rejects.toMatchObject({ code: 'SD409' });
    expect(await domainHistory(store.pool, 'one.example')).toHaveLength(2);
  });
});
