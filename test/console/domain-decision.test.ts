import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { localUser } from '../../src/console/console.js';
import { createLogger } from '../../src/logger.js';
import type { AppContext } from '../../src/context.js';
import { domainHistory, getDomain, upsertDomains } from '../../src/store/fleet.js';
import { collector, typeInto } from '../support/streams.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';


describe(`domain buttons in the local console (${databaseLabel})`, () => {
  let store: TestStore;
  let context: AppContext;
  const logs = collector();
  beforeAll(async () => {
    store = await openTestStore();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await upsertDomains(store.pool, [{ domain: 'burnt.example', provider: 'google' }, { domain: 'spare.example', provider: 'google', status: 'reserved' }]);
    await store.pool.query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ($1, 'ana@burnt.example', 100), ($1, 'ana@calm.example', 100)`, [yesterday]);
    // No APPROVERS configured: the person at the console is an approver all the same.
    const config = loadConfig({ LOG_LEVEL: 'warn' });
    context = { config, store, logger: createLogger(config.LOG_LEVEL, logs), now: () => new Date() };
  });
  afterAll(async () => store.close());

  it('pressing Pull on a domain card and confirming with y pulls the domain, shows who did, and offers a reserve', async () => {
    const printed = await typeInto(context, ['/smtp domain burnt.example', '1', 'y']);
    const [card = '', afterPress = ''] = printed.split('(type y to confirm)');

    expect(card).toMatch(/\[1\] Pull domain {3}\[2\] Mark reserve {3}\[3\] Keep/);
    expect(card).toContain('Pull burnt.example?: It stops sending until someone reactivates it.');
    expect(afterPress).toMatch(/\(only you can see this\)\nburnt\.example\n═+\nStatus pulled since/);
    expect(afterPress).toMatch(/⛔ burnt\.example: Pulled by @you at \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    expect(afterPress).not.toContain('[2] Mark reserve');
    expect(afterPress).toMatch(/\(posted in #local\)\n⛔ burnt\.example: Pulled by @you/);
    expect(afterPress).toMatch(/spare\.example · google · reserved since .*\n {2}\[1\] Activate/);

    expect(await getDomain(store.pool, 'burnt.example')).toMatchObject({ status: 'pulled' });
    expect(await domainHistory(store.pool, 'burnt.example')).toMatchObject([{ actor: localUser.id, from_status: 'active', to_status: 'pulled', source: 'button' }]);
    expect(logs.text()).toBe('');
  });

  it('a cancelled confirmation changes nothing', async () => {
    const printed = await typeInto(context, ['/smtp domain calm.example', '1', 'n']);
    expect(printed).toMatch(/Pull calm\.example\?.*\n\(type y to confirm\)\nCancelled\.\n$/);
    expect(await getDomain(store.pool, 'calm.example')).toMatchObject({ status: 'active' });
    expect(await domainHistory(store.pool, 'calm.example')).toEqual([]);
  });
});
