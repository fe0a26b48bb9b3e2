import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareExplanationActionId } from '../../src/slack/blocks/explanation.js';
import { usageBlocks } from '../../src/slack/blocks/usage.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { blockActionsPayload, slashCommandFields, testChannel, testUser } from '../support/driver.js';

describe('Socket Mode', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startApp({ mode: 'socket' });
  });
  afterAll(async () => harness.stop());

  it('opens the connection with the app-level token', () => {
    const opened = harness.fake.callsTo('apps.connections.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.token).toBe('xapp-test');
  });

  it('acknowledges a /smtp help envelope with the usage as the response payload', async () => {
    const ack = await harness.fake.sendEnvelope('slash_commands', slashCommandFields('/smtp', 'help', harness.fake.responseUrl()));

    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(ack.payload?.text).toMatch(/^smtp-desk explains SMTP bounces/);
    expect(JSON.stringify(ack.payload?.blocks)).toContain('/smtp 550 5.7.26');
    expect(ack.payload?.blocks).toEqual(usageBlocks());
  });

  it('acknowledges a button click envelope and runs its listener: Share posts the card in the channel', async () => {
    const click = blockActionsPayload(
      { action_id: shareExplanationActionId, value: '550 5.7.26', text: 'Share in channel' },
      { responseUrl: harness.fake.responseUrl() },
    );
    const ack = await harness.fake.sendEnvelope('interactive', click);

    expect(ack.payload ?? {}).toEqual({});
    const posted = await harness.fake.waitFor('chat.postMessage');
    expect(posted.token).toBe('xoxb-test');
    expect(posted.args.channel).toBe(testChannel.id);
    expect(String(posted.args.text)).toContain('550 5.7.26');
    expect(JSON.stringify(posted.args.blocks)).toContain(`<@${testUser.id}>`);
  });

  it('serves /healthz on PORT beside the WebSocket', async () => {
    const response = await fetch(`${harness.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: 'up' });
  });
});
