import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainStatus } from '../../../src/fleet/lifecycle.js';
import { domainButtons } from '../../../src/slack/blocks/domain-buttons.js';
import { rotationBlocks } from '../../../src/slack/blocks/domain-decision.js';
import { replacementsFor } from '../../../src/fleet/reserves.js';
import { changeDomainStatus, domainHistory, getDomain, upsertDomains } from '../../../src/store/fleet.js';
import { activeSnoozes } from '../../../src/store/snoozes.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { blockActionsPayload, testChannel, type ButtonClick } from '../../support/driver.js';
import { responseUrlMethod } from '../../support/fake-slack.js';
import { databaseLabel } from '../../support/db.js';

const approver = { id: 'U0APPROVER', username: 'ana', name: 'ana' };
const groupMember = { id: 'U0GROUPMEM', username: 'bo', name: 'bo' };
const stranger = { id: 'U0STRANGER', username: 'cy', name: 'cy' };
const opsGroup = 'S0OPSLEADS';
const day = '2026-11-27';

/** A digest-like channel message: a header, then each domain's line and its buttons. */
function digestMessage(ts: string, domains: string[]): { ts: string; text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: `Domain health ${day}` } }];
  for (const domain of domains) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${domain}*: bounce rate 9.1 %` } });
    blocks.push(domainButtons({ domain, status: 'active', day, findings: ['Bounce rate 9.1 % is over 7 %.'], verdict: 'pull', rules: ['bounce_rate'] }));
  }
  return { ts, text: `Domain health ${day}`, blocks };
}

function buttonOf(message: { blocks: KnownBlock[] }, domain: string, actionId: string): ButtonClick {
  const block = message.blocks.find((candidate) => candidate.block_id === `domain:${domain}`);
  const element = block?.type === 'actions' ? block.elements.find((candidate) => 'action_id' in candidate && candidate.action_id === actionId) : undefined;
  if (!element || element.type !== 'button') throw new Error(`no ${actionId} button for ${domain}`);
  return { action_id: actionId, block_id: `domain:${domain}`, value: element.value!, text: element.text.text };
}

describe(`domain decisions from buttons, through the app and the fake Slack (${databaseLabel})`, () => {
  let harness: Harness;
  const db = () => harness.store.pool;
  const store = db;
  const historyOf = async (domain: string) => domainHistory(db(), domain, 100);
  const chatUpdatesFor = (domain: string) =>
    harness.fake.callsTo('chat.update').filter((call) => JSON.stringify(call.args.blocks).includes(`domain:${domain}`));

  beforeAll(async () => {
    harness = await startApp({ env: { APPROVERS: `${approver.id},${opsGroup}` } });
    await upsertDomains(db(), [
      { domain: 'burnt.example', provider: 'google' },
      { domain: 'calm.example', provider: 'google' },
      { domain: 'spare-ms.example', provider: 'microsoft', status: 'reserved' },
    ]);
    // Reserved one after the other: the older spare comes first among the same provider.
    await upsertDomains(db(), [{ domain: 'spare-old.example', provider: 'google', status: 'reserved' }]);
    await upsertDomains(db(), [{ domain: 'spare-new.example', provider: 'google', status: 'reserved' }]);
  });
  afterAll(async () => harness.stop());
  beforeEach(() => {
    harness.fake.reset();
    harness.fake.answer('usergroups.users.list', ({ args }) => ({ ok: true, users: args.usergroup === opsGroup ? [groupMember.id] : [] }));
  });

  it("an approver's Pull sets the status, appends history, updates only that domain's buttons and records it in the thread with reserve suggestions", async () => {
    const message = digestMessage('1764230400.000100', ['burnt.example', 'calm.example']);
    const response = await harness.driver.click(buttonOf(message, 'burnt.example', 'domain_pull'), { user: approver, message });
    expect(response.status).toBe(200);

    const thread = await harness.fake.waitFor('chat.postMessage');
    expect(await getDomain(db(), 'burnt.example')).toMatchObject({ status: 'pulled' });
    const [row] = await historyOf('burnt.example');
    expect(row).toMatchObject({ actor: approver.id, from_status: 'active', to_status: 'pulled', source: 'button', reason: `bounce_rate on ${day}` });
    expect(row?.slack_action_ts).toMatch(/^\d+\.\d+$/);

    const [update] = harness.fake.callsTo('chat.update');
    expect(update?.args).toMatchObject({ channel: 'C0TESTCHAN', ts: message.ts, text: message.text });
    const blocks = update?.args.blocks as KnownBlock[];
    expect(blocks).toHaveLength(message.blocks.length);
    expect(blocks.filter((_, i) => i !== 2)).toEqual(message.blocks.filter((_, i) => i !== 2));
    expect(blocks[2]).toMatchObject({ type: 'context', block_id: 'domain:burnt.example' });
    expect(JSON.stringify(blocks[2])).toMatch(/Pulled by <@U0APPROVER> at <!date\^\d+\^/);

    expect(thread.args).toMatchObject({ channel: 'C0TESTCHAN', thread_ts: message.ts });
    expect(String(thread.args.text)).toContain('Pulled by <@U0APPROVER>');
    const suggested = (thread.args.blocks as KnownBlock[]).filter((block) => block.type === 'section' && block.accessory);
    expect(suggested.map((block) => block.block_id)).toEqual(['domain:spare-old.example', 'domain:spare-new.example', 'domain:spare-ms.example']);
    expect(JSON.stringify(suggested[0])).toContain('"action_id":"domain_reactivate"');

    expect(await getDomain(db(), 'burnt.example')).toMatchObject({ status: 'pulled' });
  });

  it('activates a suggested reserve domain from the thread reply', async () => {
    const [pulled] = await historyOf('burnt.example');
    const thread = { ts: '1764230500.000200', thread_ts: '1764230400.000100', text: 'Pulled', blocks: [] as KnownBlock[] };
    thread.blocks = rotationBlocks('burnt.example', (await replacementsFor(db(), 'burnt.example')).filter((d) => d.domain === 'spare-old.example'));
    const section = thread.blocks.find((block) => block.block_id === 'domain:spare-old.example');
    const activate = section?.type === 'section' && section.accessory?.type === 'button' ? section.accessory : undefined;
    await harness.driver.click({ action_id: 'domain_reactivate', block_id: 'domain:spare-old.example', value: activate!.value! }, { user: approver, message: thread });

    const reply = await harness.fake.waitFor('chat.postMessage');
    expect(reply.args.thread_ts).toBe(thread.thread_ts);
    expect(await getDomain(db(), 'spare-old.example')).toMatchObject({ status: 'active' });
    expect(await historyOf('spare-old.example')).toMatchObject([{ actor: approver.id, from_status: 'reserved', to_status: 'active' }]);
    expect(JSON.stringify(harness.fake.callsTo('chat.update')[0]?.args.blocks)).toContain('Reactivated by <@U0APPROVER>');
    expect(pulled?.to_status).toBe('pulled');
  });

  it("refuses a non-approver privately, naming the approvers, and changes nothing", async () => {
    await upsertDomains(db(), [{ domain: 'guarded.example' }]);
    const message = digestMessage('1764230600.000300', ['guarded.example']);
    await harness.driver.click(buttonOf(message, 'guarded.example', 'domain_pull'), { user: stranger, message });

    const refusal = await harness.fake.waitForResponse();
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(refusal.body.text).toBe(`You are not allowed to change sending domains, so nothing changed: ask <@${approver.id}>, <!subteam^${opsGroup}>.`);
    expect(await getDomain(db(), 'guarded.example')).toMatchObject({ status: 'active' });
    expect(await historyOf('guarded.example')).toEqual([]);
    expect(harness.fake.callsTo('chat.update')).toEqual([]);
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(harness.fake.callsTo('usergroups.users.list').map((call) => call.args.usergroup)).toEqual([opsGroup]);
  });

  it('lets a member of an approver user group decide (usergroups.users.list)', async () => {
    await upsertDomains(db(), [{ domain: 'grouped.example' }]);
    const message = digestMessage('1764230700.000400', ['grouped.example']);
    await harness.driver.click(buttonOf(message, 'grouped.example', 'domain_reserve'), { user: groupMember, message });

    await harness.fake.waitFor('chat.postMessage');
    expect(await getDomain(db(), 'grouped.example')).toMatchObject({ status: 'reserved' });
    expect(await historyOf('grouped.example')).toMatchObject([{ actor: groupMember.id, to_status: 'reserved' }]);
  });

  it('20 concurrent clicks (different presses) make one change and one history row; the others hear who was first', async () => {
    await upsertDomains(db(), [{ domain: 'race.example' }]);
    const message = digestMessage('1764230800.000500', ['race.example']);
    const click = buttonOf(message, 'race.example', 'domain_pull');
    const presses = Array.from({ length: 20 }, (_, i) => {
      const payload = blockActionsPayload(click, { user: approver, message, responseUrl: harness.fake.responseUrl() });
      (payload.actions as { action_ts: string }[])[0]!.action_ts = `1764230801.${String(i).padStart(6, '0')}`;
      return JSON.stringify(payload);
    });
    const responses = await Promise.all(presses.map((payload) => harness.driver.post({ payload })));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));

    await expect.poll(() => chatUpdatesFor('race.example').length, { timeout: 10_000 }).toBe(20);
    await expect.poll(() => harness.fake.responses.length, { timeout: 10_000 }).toBe(19);
    expect(await historyOf('race.example')).toHaveLength(1);
    expect(await getDomain(db(), 'race.example')).toMatchObject({ status: 'pulled' });
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    for (const response of harness.fake.responses) {
      expect(response.body.text).toMatch(/^\*race\.example\* was already pulled by <@U0APPROVER> at <!date\^\d+\^.*; nothing changed\.$/);
    }
  });

  it('20 concurrent deliveries of the same press make one change and one history row', async () => {
    await upsertDomains(db(), [{ domain: 'retried.example' }]);
    const message = digestMessage('1764230900.000600', ['retried.example']);
    const payload = JSON.stringify(blockActionsPayload(buttonOf(message, 'retried.example', 'domain_pull'), { user: approver, message, responseUrl: harness.fake.responseUrl() }));
    const responses = await Promise.all(Array.from({ length: 20 }, () => harness.driver.post({ payload })));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));

    await expect.poll(() => chatUpdatesFor('retried.example').length, { timeout: 10_000 }).toBe(20);
    const history = await historyOf('retried.example');
    expect(history).toHaveLength(1);
    expect(await getDomain(db(), 'retried.example')).toMatchObject({ status: 'pulled' });
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(harness.fake.responses).toEqual([]);
  });

  it('20 concurrent Keep presses record one keep and one thread reply; the others hear it is already kept', async () => {
    await upsertDomains(db(), [{ domain: 'kept-race.example' }]);
    const message = digestMessage('1764230920.000620', ['kept-race.example']);
    const click = buttonOf(message, 'kept-race.example', 'domain_keep');
    const presses = Array.from({ length: 20 }, (_, i) => {
      const payload = blockActionsPayload(click, { user: approver, message, responseUrl: harness.fake.responseUrl() });
      (payload.actions as { action_ts: string }[])[0]!.action_ts = `1764230921.${String(i).padStart(6, '0')}`;
      return JSON.stringify(payload);
    });
    await Promise.all(presses.map((payload) => harness.driver.post({ payload })));

    await expect.poll(() => harness.fake.responses.length, { timeout: 10_000 }).toBe(19);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    const { rows } = await db().query(`SELECT 1 FROM domain_snoozes WHERE domain = 'kept-race.example'`);
    expect(rows).toHaveLength(1);
    for (const response of harness.fake.responses) {
      expect(response.body.text).toMatch(/^\*kept-race\.example\* is already kept until 2026-11-30 by <@U0APPROVER> \(kept at <!date\^\d+\^.*\); nothing changed\.$/);
    }
  });

  it('two decisions on one digest moments apart both stay on the message', async () => {
    await upsertDomains(db(), [{ domain: 'first.example' }, { domain: 'second.example' }]);
    const message = digestMessage('1764230950.000650', ['first.example', 'second.example']);
    await Promise.all([
      harness.driver.click(buttonOf(message, 'first.example', 'domain_pull'), { user: approver, message }),
      harness.driver.click(buttonOf(message, 'second.example', 'domain_reserve'), { user: groupMember, message }),
    ]);

    await expect.poll(() => harness.fake.callsTo('chat.postMessage').length).toBe(2);
    const last = harness.fake.callsTo('chat.update').at(-1)?.args.blocks as KnownBlock[];
    expect(last.filter((block) => block.type === 'actions')).toEqual([]);
    expect(JSON.stringify(last)).toMatch(/first\.example\*: Pulled by <@U0APPROVER>.*second\.example\*: Marked reserve by <@U0GROUPMEM>/);
  });

  it('a button from before someone else moved the domain changes nothing and says who moved it', async () => {
    await upsertDomains(db(), [{ domain: 'moved.example' }]);
    const message = digestMessage('1764230990.000690', ['moved.example']);
    await changeDomainStatus(db(), { domain: 'moved.example', to: 'reserved', actor: 'alice', source: 'cli' });
    await harness.driver.click(buttonOf(message, 'moved.example', 'domain_pull'), { user: approver, message });
    await harness.driver.click(buttonOf(message, 'moved.example', 'domain_keep'), { user: approver, message });

    await expect.poll(() => harness.fake.responses.length).toBe(2);
    const texts = harness.fake.responses.map((response) => String(response.body.text)).sort();
    expect(texts[0]).toMatch(/^\*moved\.example\* is reserved now by alice at <!date\^\d+\^.*so this button no longer applies; nothing changed\.$/);
    expect(texts[1]).toBe('moved.example is reserved now, so there is nothing to keep; nothing changed.');
    expect(JSON.stringify(harness.fake.callsTo('chat.update')[0]?.args.blocks)).toContain('Marked reserve by alice');
    expect(await historyOf('moved.example')).toHaveLength(1);
    expect((await activeSnoozes(db(), day)).has('moved.example')).toBe(false);
  });

  it('rejects a forged or stale click with 401 and changes nothing', async () => {
    await upsertDomains(db(), [{ domain: 'forged.example' }]);
    const message = digestMessage('1764231000.000700', ['forged.example']);
    const click = buttonOf(message, 'forged.example', 'domain_pull');
    const forged = await harness.driver.click(click, { user: approver, message, signingSecret: 'not-the-signing-secret' });
    const stale = await harness.driver.click(click, { user: approver, message, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });

    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(await getDomain(db(), 'forged.example')).toMatchObject({ status: 'active' });
    expect(await historyOf('forged.example')).toEqual([]);
    expect(harness.fake.calls).toEqual([]);
    expect(harness.fake.responses).toEqual([]);
  });

  it('keeps the change when chat.update fails, and a retried press re-renders without a second change', async () => {
    await upsertDomains(db(), [{ domain: 'flaky.example' }]);
    const message = digestMessage('1764231100.000800', ['flaky.example']);
    harness.fake.failNext('chat.update', { error: 'internal_error' }, 3);
    const payload = JSON.stringify(blockActionsPayload(buttonOf(message, 'flaky.example', 'domain_pull'), { user: approver, message, responseUrl: harness.fake.responseUrl() }));
    await harness.driver.post({ payload });

    await harness.fake.waitFor('chat.postMessage');
    expect(harness.fake.callsTo('chat.update')).toHaveLength(3);
    expect(await getDomain(db(), 'flaky.example')).toMatchObject({ status: 'pulled' });
    expect(await historyOf('flaky.example')).toHaveLength(1);
    expect(harness.fake.responses.map((response) => response.body.text)).toEqual([
      'Pulled *flaky.example*; I could not update the message: internal_error. The decision stands.',
    ]);

    await harness.driver.post({ payload });
    await expect.poll(() => harness.fake.callsTo('chat.update').length).toBe(4);
    expect(JSON.stringify(harness.fake.callsTo('chat.update')[3]?.args.blocks)).toContain('Pulled by <@U0APPROVER>');
    expect(await historyOf('flaky.example')).toHaveLength(1);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(harness.fake.responses).toHaveLength(1);
  });

  it('replaces an ephemeral card through its response_url with the card as it is now, and records the decision in the channel', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await store().query(`INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ($1, 'ana@card.example', 120)`, [yesterday]);
    const card = digestMessage('unused', ['card.example']);
    await harness.driver.click(buttonOf(card, 'card.example', 'domain_pull'), { user: approver });

    await expect.poll(() => harness.fake.responses.length).toBe(2);
    const [replaced, recorded] = harness.fake.responses;
    expect(replaced?.body).toMatchObject({ replace_original: true });
    const blocks = replaced?.body.blocks as KnownBlock[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'card.example' } });
    expect(blocks.filter((block) => block.type === 'actions')).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('Status *pulled* since');
    expect(JSON.stringify(blocks.find((block) => block.block_id === 'domain:card.example'))).toContain('Pulled by <@U0APPROVER>');
    expect(recorded?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(await getDomain(db(), 'card.example')).toMatchObject({ status: 'pulled' });
  });

  it('Keep snoozes the domain for SNOOZE_DAYS with the verdict and rules the clicker saw', async () => {
    await upsertDomains(db(), [{ domain: 'kept.example' }]);
    const message = digestMessage('1764231200.000900', ['kept.example']);
    await harness.driver.click(buttonOf(message, 'kept.example', 'domain_keep'), { user: approver, message });

    await harness.fake.waitFor('chat.postMessage');
    const snooze = (await activeSnoozes(db(), day)).get('kept.example');
    expect(snooze).toMatchObject({ domain: 'kept.example', day, until_day: '2026-11-30', actor: approver.id, verdict: 'pull', rules: ['bounce_rate'] });
    expect((await activeSnoozes(db(), '2026-11-30')).has('kept.example')).toBe(false);
    expect(await getDomain(db(), 'kept.example')).toMatchObject({ status: 'active' });
    expect(JSON.stringify(harness.fake.callsTo('chat.update')[0]?.args.blocks)).toContain('Kept by <@U0APPROVER>');
  });
});

describe('Keep from a button that carries no digest day', () => {
  let harness: Harness;
  // 05:00 UTC on the 28th is the evening of the 27th in Los Angeles, so the digest day there is the 26th.
  const now = new Date('2026-11-28T05:00:00Z');
  beforeAll(async () => {
    harness = await startApp({ env: { APPROVERS: approver.id, DIGEST_TZ: 'America/Los_Angeles' }, now: () => now });
    await upsertDomains(harness.store.pool, [{ domain: 'west.example' }]);
  });
  afterAll(async () => harness.stop());

  it('snoozes from the digest day in DIGEST_TZ, not from the UTC date', async () => {
    const buttons = domainButtons({ domain: 'west.example', status: 'active', verdict: 'watch', rules: ['bounce_rate'] });
    const message = { ts: '1764306000.000100', text: 'digest', blocks: [buttons] };
    await harness.driver.click(buttonOf(message, 'west.example', 'domain_keep'), { user: approver, message });

    const thread = await harness.fake.waitFor('chat.postMessage');
    expect(String(thread.args.text)).toContain('not listed again before 2026-11-29');
    expect((await activeSnoozes(harness.store.pool, '2026-11-26')).get('west.example')).toMatchObject({ day: '2026-11-26', until_day: '2026-11-29', actor: approver.id });
  });
});

describe('domain decisions without APPROVERS', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startApp();
    await upsertDomains(harness.store.pool, [{ domain: 'nobody.example' }]);
  });
  afterAll(async () => harness.stop());

  it('refuses every change and says how to set APPROVERS', async () => {
    const message = digestMessage('1764231300.001000', ['nobody.example']);
    await harness.driver.click(buttonOf(message, 'nobody.example', 'domain_pull'), { user: approver, message });

    const refusal = await harness.fake.waitForResponse();
    expect(refusal.body.text).toContain('set APPROVERS to the Slack user IDs and user-group IDs');
    expect(await getDomain(harness.store.pool, 'nobody.example')).toMatchObject({ status: 'active' });
    expect(await domainHistory(harness.store.pool, 'nobody.example')).toEqual([]);
  });
});

describe('a decision whose message update fails tells the clicker at once', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startApp({ env: { APPROVERS: approver.id, LOG_LEVEL: 'warn' } });
    await upsertDomains(harness.store.pool, [
      { domain: 'unshown-pull.example' },
      { domain: 'unshown-reserve.example' },
      { domain: 'unshown-reactivate.example', status: 'pulled' },
      { domain: 'unshown-keep.example' },
    ]);
  });
  afterAll(async () => harness.stop());
  beforeEach(() => harness.fake.reset());

  it.each<[string, string, string, DomainStatus, DomainStatus]>([
    ['domain_pull', 'unshown-pull.example', 'Pulled', 'active', 'pulled'],
    ['domain_reserve', 'unshown-reserve.example', 'Marked reserve', 'active', 'reserved'],
    ['domain_reactivate', 'unshown-reactivate.example', 'Reactivated', 'pulled', 'active'],
    ['domain_keep', 'unshown-keep.example', 'Kept', 'active', 'active'],
  ])('%s: stored, said privately with the Slack error, logged at warn, and still recorded in the thread', async (actionId, domain, verb, from, status) => {
    const message = { ts: '1764232000.000100', text: 'digest', blocks: [domainButtons({ domain, status: from, day, verdict: 'pull', rules: ['bounce_rate'] })] };
    harness.fake.failNext('chat.update', { error: 'cant_update_message' }, 10);
    await harness.driver.click(buttonOf(message, domain, actionId), { user: approver, message });

    const told = await harness.fake.waitForResponse();
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(told.body.text).toBe(`${verb} *${domain}*; I could not update the message: cant_update_message. The decision stands.`);
    expect(await getDomain(harness.store.pool, domain)).toMatchObject({ status });
    const thread = await harness.fake.waitFor('chat.postMessage');
    expect(String(thread.args.text)).toContain(`${verb} by <@${approver.id}>`);
    expect(harness.logs()).toMatch(new RegExp(`WARN .*${domain.replace(/\./g, '\\.')}.*cant_update_message`));
  });

  it('says so too when the thread reply cannot be posted', async () => {
    await upsertDomains(harness.store.pool, [{ domain: 'unrecorded.example' }]);
    const message = digestMessage('1764232100.000200', ['unrecorded.example']);
    harness.fake.failNext('chat.postMessage', { error: 'not_in_channel' }, 10);
    await harness.driver.click(buttonOf(message, 'unrecorded.example', 'domain_pull'), { user: approver, message });

    const told = await harness.fake.waitForResponse();
    expect(told.body.text).toBe('Pulled *unrecorded.example*; I could not post it in the channel: not_in_channel. The decision stands.');
    expect(harness.fake.callsTo('chat.update')).toHaveLength(1);
    expect(harness.logs()).toMatch(/WARN .*not_in_channel/);
  });

  it('on a card whose response_url fails, tells the clicker with an ephemeral message instead', async () => {
    await upsertDomains(harness.store.pool, [{ domain: 'unshown-card.example' }]);
    const card = digestMessage('unused', ['unshown-card.example']);
    harness.fake.failNext(responseUrlMethod, { status: 500 }, 20);
    await harness.driver.click(buttonOf(card, 'unshown-card.example', 'domain_pull'), { user: approver });

    const told = await harness.fake.waitFor('chat.postEphemeral', () => true, 10_000);
    expect(told.args).toMatchObject({ channel: testChannel.id, user: approver.id });
    expect(String(told.args.text)).toMatch(/^Pulled \*unshown-card\.example\*; I could not update the message: .*500.*\. The decision stands\.$/);
    expect(await getDomain(harness.store.pool, 'unshown-card.example')).toMatchObject({ status: 'pulled' });
    await expect.poll(() => harness.fake.callsTo('chat.postEphemeral').length, { timeout: 10_000 }).toBe(2);
    expect(String(harness.fake.callsTo('chat.postEphemeral')[1]?.args.text)).toContain('I could not post it in the channel');
  });
});
