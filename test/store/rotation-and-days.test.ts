import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeDomainStatus, upsertDomains } from '../../src/store/fleet.js';
import { recentDomainDays } from '../../src/store/domain-days.js';
import { reserveSuggestions } from '../../src/store/rotation.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`reserve suggestions and recent days on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('suggests reserves of the same provider first, each reserved the longest first', async () => {
    await upsertDomains(store.pool, [{ domain: 'pulled.example', provider: 'microsoft' }, { domain: 'unknown-provider.example' }]);
    for (const [domain, provider] of [['g-old.example', 'google'], ['m-old.example', 'microsoft'], ['m-new.example', 'microsoft'], ['g-new.example', 'google']] as const) {
      await upsertDomains(store.pool, [{ domain, provider }]);
      await changeDomainStatus(store.pool, { domain, to: 'reserved', actor: 'ops', source: 'cli' });
    }
    expect((await reserveSuggestions(store.pool, 'pulled.example', 3)).map((d) => d.domain)).toEqual(['m-old.example', 'm-new.example', 'g-old.example']);
    expect((await reserveSuggestions(store.pool, 'unknown-provider.example', 3)).map((d) => d.domain)).toEqual(['g-old.example', 'm-old.example', 'm-new.example']);
  });

  it("gives a domain's last days oldest first, zero on days without sends", async () => {
    await store.pool.query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ('2026-11-27', 'a@days.example', 150), ('2026-11-27', 'b@days.example', 50), ('2026-11-21', 'a@days.example', 10)`);
    await store.pool.query(
      `INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code) VALUES
        ('2026-11-27T10:00:00Z', 'a@days.example', 'x@r.example', 550), ('2026-11-27T11:00:00Z', 'b@days.example', 'y@r.example', 550),
        ('2026-11-27T12:00:00Z', 'b@days.example', 'z@r.example', 421), ('2026-11-20T12:00:00Z', 'b@days.example', 'z@r.example', 550)`,
    );
    const days = await recentDomainDays(store.pool, 'days.example', '2026-11-27');
    expect(days.map((d) => d.day)).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(days[0]).toEqual({ day: '2026-11-21', sent: 10, bounces: 0, bounce_rate: 0 });
    expect(days[1]).toEqual({ day: '2026-11-22', sent: 0, bounces: 0, bounce_rate: null });
    expect(days[6]).toEqual({ day: '2026-11-27', sent: 200, bounces: 2, bounce_rate: 0.01 });
  });
});
