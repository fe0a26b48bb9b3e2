import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageBlocks } from '../../src/slack/blocks/usage.js';
import { startApp, type Harness } from '../support/app-harness.js';
import { slashCommandFields } from '../support/driver.js';

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

  it('serves /healthz on PORT beside the WebSocket', async () => {
    const response = await fetch(`${harness.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: 'up' });
  });
});
