// A Pull through signed Slack requests, with the sending tools slow, refusing or down: the click is
// answered within Slack's 3 seconds whatever they do, and each tool's outcome is one reply in the
// decision's thread once its outbox row settles; the domain card shows the last sync.
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncJob } from '../../../src/jobs/sync-job.js';
import { latestSync } from '../../../src/store/outbox.js';
import { domainButtons } from '../../../src/slack/blocks/domain-buttons.js';
import { slackSyncReporter, syncSlackClient } from '../../../src/slack/post-sync.js';
import { Pace } from '../../../src/sync/pace.js';
import { syncTargets } from '../../../src/sync/tools.js';
import type { SyncWorker } from '../../../src/sync/worker.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { databaseLabel, openTestStore, type TestStore } from '../../support/db.js';
import type { ButtonClick } from '../../support/driver.js';
import { startFakeInstantly, type FakeInstantly } from '../../support/fake-instantly.js';
import { startFakeSmartlead, type FakeSmartlead } from '../../support/fake-smartlead.js';
import { instantlyKey } from '../../support/sync.js';
import { loadBadFleet } from '../../digest/bad-fleet.js';

const approver = { id: 'U0APPROVER', username: 'ana', name: 'ana' };
const day = '2026-11-27';
const now = new Date('2026-11-28T09:30:00Z');
/** Slack shows an error to the clicker when the app has not answered within this long. */
const slackAckLimitMs = 3_000;

function digestMessage(ts: string, domain: string): { ts: string; text: string; blocks: KnownBlock[] } {
  return {
    ts,
    text: `Domain health ${day}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${domain}*: bounce rate 8 %` } },
      domainButtons({ domain, status: 'active', day, findings: ['Bounce rate 8 % is over 7 %.'], verdict: 'pull', rules: ['bounce_rate'] }),
    ],
  };
}

function pullButton(message: { blocks: KnownBlock[] }, domain: string): ButtonClick {
  const block = message.blocks.find((candidate) => candidate.block_id === `domain:${domain}`);
  const element = block?.type === 'actions' ? block.elements.find((candidate) => 'action_id' in candidate && candidate.action_id === 'domain_pull') : undefined;
  if (!element || element.type !== 'button') throw new Error(`no Pull button for ${domain}`);
  return { action_id: 'domain_pull', block_id: `domain:${domain}`, value: element.value!, text: element.text.text };
}

/** Resolves with the click's answer, or rejects when Slack would have given up on it. */
async function clickWithinSlackLimit(harness: Harness, click: ButtonClick, message: ReturnType<typeof digestMessage>) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the click was not answered within ${slackAckLimitMs} ms`)), slackAckLimitMs);
  });
  try {
    return await Promise.race([harness.driver.click(click, { user: approver, message }), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`a Pull carried to the sending tools, through signed Slack requests (${databaseLabel})`, () => {
  let store: TestStore;
  let harness: Harness;
  let instantly: FakeInstantly;
  let smartlead: FakeSmartlead;
  let worker: SyncWorker;

  beforeAll(async () => {
    store = await openTestStore();
    await loadBadFleet(store.pool, day);
    instantly = await startFakeInstantly({
      apiKey: instantlyKey,
      accounts: [
        { email: 'a@bounces.example', status: 1 },
        { email: 'b@bounces.example', status: 1 },
        { email: 'a@blocked.example', status: 1 },
      ],
    });
    smartlead = await startFakeSmartlead({ apiKey: 'the-key-smartlead-has-000', accounts: [{ id: 1, from_email: 'a@bounces.example', is_suspended: false }] });
    harness = await startApp({
      store,
      now: () => now,
      env: {
        APPROVERS: approver.id,
        INSTANTLY_API_KEY: instantlyKey,
        INSTANTLY_API_URL: instantly.apiUrl,
        // A key Smartlead does not know: every call is refused with 401.
        SMARTLEAD_API_KEY: 'a-key-smartlead-does-not-know',
        SMARTLEAD_API_URL: smartlead.apiUrl,
      },
    });
    const { context } = harness;
    worker = startSyncJob(context, slackSyncReporter(context, syncSlackClient(context)), {
      pollMs: 20,
      backoff: { firstMs: 50, maxMs: 200 },
      targets: syncTargets(context.config, { instantly: new Pace(0), smartlead: new Pace(0) }),
    });
  });
  afterAll(async () => {
    await worker.stop();
    await harness.stop();
    await instantly.stop();
    await smartlead.stop();
    await store.close();
  });

  it('answers the click at once while Instantly is slow, then replies in the thread for each tool as its row settles', async () => {
    instantly.delayMs = 4_000;
    const message = digestMessage('1764322200.000100', 'bounces.example');
    const response = await clickWithinSlackLimit(harness, pullButton(message, 'bounces.example'), message);
    expect(response.status).toBe(200);

    const inThread = (text: string) => (call: { args: Record<string, unknown> }) => call.args.thread_ts === message.ts && call.args.text === text;
    const refused = await harness.fake.waitFor('chat.postMessage', inThread('Smartlead: Invalid API Key'));
    expect(refused.args.channel).toBe('C0TESTCHAN');
    instantly.delayMs = 0;
    await harness.fake.waitFor('chat.postMessage', inThread('Paused 2 inboxes of bounces.example in Instantly'), 15_000);
    expect([...instantly.paused].sort()).toEqual(['a@bounces.example', 'b@bounces.example']);
    expect(smartlead.suspended).toEqual([]);
    // One reply per settled row, besides the decision's own.
    const replies = harness.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === message.ts);
    expect(replies.map((call) => call.args.text)).toEqual(expect.arrayContaining(['Smartlead: Invalid API Key', 'Paused 2 inboxes of bounces.example in Instantly']));
    expect(replies).toHaveLength(3);
  }, 20_000);

  it('the domain card shows the last sync with each tool', async () => {
    harness.fake.reset();
    await harness.driver.command('/smtp', 'domain bounces.example');
    const { body } = await harness.fake.waitForResponse();
    const context = (body.blocks as KnownBlock[]).find((block) => block.type === 'context' && JSON.stringify(block).includes('Last sync'));
    expect(JSON.stringify(context)).toMatch(/Last sync: Paused 2 inboxes of bounces.example in Instantly \(<!date\^\d+\^[^>]+>\) · Smartlead: Invalid API Key \(<!date/);
  });

  it('answers the click at once while Instantly is down; the row waits in the outbox, saying why', async () => {
    await instantly.stop();
    harness.fake.reset();
    const message = digestMessage('1764322300.000200', 'blocked.example');
    const response = await clickWithinSlackLimit(harness, pullButton(message, 'blocked.example'), message);
    expect(response.status).toBe(200);
    await harness.fake.waitFor('chat.postMessage', (call) => call.args.thread_ts === message.ts && String(call.args.text).includes('Pulled by'));
    let pending;
    for (let tries = 0; tries < 200; tries++) {
      pending = (await latestSync(store.pool, 'blocked.example')).find((row) => row.tool === 'instantly');
      if (pending?.error) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(pending).toMatchObject({ state: 'pending', action: 'pause', error: 'cannot reach Instantly (connection refused)' });
    expect(harness.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === message.ts && String(call.args.text).includes('Instantly'))).toEqual([]);
  });
});
