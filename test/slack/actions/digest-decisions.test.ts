import type { ActionsBlock, KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDigest } from '../../../src/digest/digest.js';
import { defaultThresholds } from '../../../src/health/index.js';
import { digestMessages } from '../../../src/slack/blocks/digest.js';
import { getDomain } from '../../../src/store/fleet.js';
import { badDomains, loadBadFleet } from '../../digest/bad-fleet.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { databaseLabel } from '../../support/db.js';

const approver = { id: 'U0APPROVER', username: 'ana', name: 'ana' };

/** The digest is for yesterday, so decisions taken now count among its recent status changes. */
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function buttonIn(blocks: KnownBlock[], domain: string, actionId: string) {
  const block = blocks.find((candidate): candidate is ActionsBlock => candidate.type === 'actions' && candidate.block_id === `domain:${domain}`);
  const button = block?.elements.find((element) => element.type === 'button' && element.action_id === actionId);
  if (button?.type !== 'button') throw new Error(`the digest has no ${actionId} button for ${domain}`);
  return { action_id: actionId, block_id: block!.block_id!, value: button.value! };
}

describe(`decisions on the real digest message, then the next digest (${databaseLabel})`, () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startApp({ env: { APPROVERS: approver.id } });
    await loadBadFleet(harness.store.pool, day);
  });
  afterAll(async () => harness.stop());

  it('a pulled domain is no longer flagged and shows as pulled by its decider; a kept one is left out until something new happens', async () => {
    const before = await computeDigest(harness.store.pool, day, defaultThresholds);
    expect(before.flagged.map((entry) => entry.verdict.domain).sort()).toEqual(Object.keys(badDomains).sort());
    const { main } = digestMessages(before);
    const message = { ts: '1764230400.000100', text: main.text, blocks: main.blocks };

    await harness.driver.click(buttonIn(main.blocks, 'bounces.example', 'domain_pull'), { user: approver, message });
    await harness.fake.waitFor('chat.postMessage');
    await harness.driver.click(buttonIn(main.blocks, 'spf.example', 'domain_keep'), { user: approver, message });
    await harness.fake.waitFor('chat.postMessage', (call) => String(call.args.text).includes('Kept'));

    expect(await getDomain(harness.store.pool, 'bounces.example')).toMatchObject({ status: 'pulled' });
    const after = await computeDigest(harness.store.pool, day, defaultThresholds);
    expect(after.flagged.map((entry) => entry.verdict.domain).sort()).toEqual(['blocked.example', 'filter.example']);
    expect(after.kept).toEqual(['spf.example']);
    const shown = JSON.stringify(digestMessages(after).main.blocks);
    expect(shown).toContain(`• *bounces.example* active → pulled by <@U0APPROVER> (bounce_rate, invalid_rate on ${day})`);
    expect(shown).not.toContain('domain:bounces.example');
  });

  it('Keep pressed twice is recorded once, the second press hears who kept it until when, and the header counts only what the message lists', async () => {
    const before = await computeDigest(harness.store.pool, day, defaultThresholds);
    const { main } = digestMessages(before);
    const message = { ts: '1764230500.000200', text: main.text, blocks: main.blocks };
    const keep = buttonIn(main.blocks, 'blocked.example', 'domain_keep');
    harness.fake.reset();

    await harness.driver.click(keep, { user: approver, message });
    await harness.fake.waitFor('chat.postMessage', (call) => String(call.args.text).includes('Kept'));
    await harness.driver.click(keep, { user: approver, message });
    const second = await harness.fake.waitForResponse();

    expect(second.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(second.body.text).toMatch(/^\*blocked\.example\* is already kept until \d{4}-\d\d-\d\d by <@U0APPROVER> \(kept at <!date\^\d+\^.*\); nothing changed\.$/);
    expect(harness.fake.callsTo('chat.postMessage')).toHaveLength(1);
    await expect.poll(() => harness.fake.callsTo('chat.update').length).toBe(2);
    expect(JSON.stringify(harness.fake.callsTo('chat.update')[1]?.args.blocks)).toContain('Kept by <@U0APPROVER>');

    const after = await computeDigest(harness.store.pool, day, defaultThresholds);
    expect(after.flagged.map((entry) => entry.verdict.domain)).toEqual(['filter.example']);
    expect(after.kept.sort()).toEqual(['blocked.example', 'spf.example']);
    const shown = digestMessages(after).main;
    expect(shown.text).toBe(`Domain health ${day}: 0 to pull, 0 to fix, 1 to watch, 2 kept of 7 active domains`);
    const totals = JSON.stringify(shown.blocks[1]);
    expect(totals).toContain(':red_circle: 0 pull · :large_orange_circle: 0 fix · :large_yellow_circle: 1 watch · :zzz: 2 kept · :large_green_circle: 4 healthy');
  });
});
