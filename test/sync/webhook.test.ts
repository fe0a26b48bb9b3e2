import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideDomainStatus } from '../../src/fleet/decide.js';
import { domainHistory, upsertDomains } from '../../src/store/fleet.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeTool, type FakeTool } from '../support/fake-tool.js';
import { startTestWorker, syncConfig, webhookSecret } from '../support/sync.js';

describe(`the decision webhook through the outbox (${databaseLabel})`, () => {
  let store: TestStore;
  let receiver: FakeTool;

  beforeAll(async () => {
    store = await openTestStore();
    receiver = await startFakeTool(() => ({ status: 204 }));
    await upsertDomains(store.pool, [{ domain: 'hooked.example' }, { domain: 'refused.example' }]);
  });
  afterAll(async () => {
    await receiver.stop();
    await store.close();
  });

  it('POSTs {id, domain, from, to, actor, reason, source, at} signed with the secret; a 503 is retried with the same body', async () => {
    receiver.failNext({ status: 503, body: { error: 'busy' } });
    const config = syncConfig({ webhook: `${receiver.url}/hooks/smtp-desk` });
    const worker = startTestWorker(store, config);
    try {
      const result = await decideDomainStatus({ store, config }, { domain: 'hooked.example', to: 'reserved', actor: 'ana', source: 'cli', reason: 'spare for Q1' });
      expect(result).toMatchObject({ outcome: 'changed', sync: [{ tool: 'webhook', action: 'notify' }] });
      const [said] = await worker.waitForSaid(() => true);
      expect(said?.sentence).toBe('Sent the decision on hooked.example to the decision webhook');
      expect(said?.row).toMatchObject({ state: 'done', attempts: 2, slack_channel: null });

      expect(receiver.calls).toHaveLength(2);
      const [first, second] = receiver.calls;
      expect(second?.body).toBe(first?.body);
      expect(second?.path).toBe('/hooks/smtp-desk');
      expect(second?.headers['content-type']).toBe('application/json');
      expect(second?.headers['x-smtp-desk-signature']).toBe(`sha256=${createHmac('sha256', webhookSecret).update(second!.body).digest('hex')}`);
      const [history] = await domainHistory(store.pool, 'hooked.example', 1);
      expect(JSON.parse(second!.body)).toEqual({
        id: history!.id,
        domain: 'hooked.example',
        from: 'active',
        to: 'reserved',
        actor: 'ana',
        reason: 'spare for Q1',
        source: 'cli',
        at: history!.at.toISOString(),
      });
    } finally {
      await worker.stop();
    }
  });

  it('a 4xx refusal fails the row with the receiver’s words and is not retried', async () => {
    receiver.failNext({ status: 400, body: { message: 'unknown workflow' } });
    const config = syncConfig({ webhook: receiver.url });
    const worker = startTestWorker(store, config);
    try {
      const before = receiver.calls.length;
      await decideDomainStatus({ store, config }, { domain: 'refused.example', to: 'pulled', actor: 'ana', source: 'cli' });
      const [said] = await worker.waitForSaid(() => true);
      expect(said?.sentence).toBe('Decision webhook: unknown workflow');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.calls.length - before).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
