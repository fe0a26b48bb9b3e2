// `/smtp digest` and `/smtp domain …` through the real Bolt app (signed requests, fake Slack), and
// the same commands typed into the local console.
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { runConsole } from '../../../src/console/console.js';
import { createLogger } from '../../../src/logger.js';
import { decodeDomainButtonValue } from '../../../src/slack/blocks/domain-buttons.js';
import { blockKitViolations } from '../../../src/slack/blocks/limits.js';
import { domainFromInput } from '../../../src/slack/listeners/commands/domain.js';
import { upsertPostmasterDays } from '../../../src/store/postmaster-days.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { openTestStore, type TestStore } from '../../support/db.js';
import { refusingDns } from '../../support/fake-dns.js';
import { badDomains, loadBadFleet } from '../../digest/bad-fleet.js';

const now = new Date('2026-11-28T09:30:00Z');
const day = '2026-11-27';

describe('/smtp digest and /smtp domain', () => {
  let store: TestStore;
  let harness: Harness;
  beforeAll(async () => {
    store = await openTestStore();
    await loadBadFleet(store.pool, day);
    harness = await startApp({ store, now: () => now });
  });
  afterAll(async () => {
    await harness.stop();
    await store.close();
  });

  it('/smtp digest acknowledges at once, then shows yesterday’s digest to the asker only', async () => {
    const ack = await harness.driver.command('/smtp', 'digest');
    expect(ack.status).toBe(200);
    expect(ack.text).toBe('');
    const { body } = await harness.fake.waitForResponse((response) => String(response.body.text).startsWith('Domain health'));
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe(`Domain health ${day}: 2 to pull, 1 to fix, 1 to watch of 8 active domains`);
    const blocks = body.blocks as { type: string; block_id?: string }[];
    expect(blockKitViolations(blocks)).toEqual([]);
    expect(blocks.filter((block) => block.type === 'actions').map((block) => block.block_id)).toEqual(Object.keys(badDomains).map((domain) => `domain:${domain}`));
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('/smtp domain shows one domain’s card, whether typed plainly or linked by Slack', async () => {
    for (const text of ['domain bounces.example', 'domain <http://bounces.example|bounces.example>', 'DOMAIN Bounces.Example.']) {
      harness.fake.reset();
      const ack = await harness.driver.command('/smtp', text);
      expect(ack.status).toBe(200);
      const { body } = await harness.fake.waitForResponse();
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toBe(`bounces.example (active) on ${day}: pull, 8 % bounced (40 of 500 sent)`);
      const blocks = body.blocks as { type: string; text?: { text: string }; elements?: { value?: string }[] }[];
      expect(blockKitViolations(blocks)).toEqual([]);
      const all = JSON.stringify(blocks);
      expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'bounces.example' } });
      expect(all).toContain('Status *active* since');
      expect(all).toContain('*Last 7 days*\\n3,500 sent · 40 bounced (1.14 %)');
      expect(all).toContain('is over the 7 % pull line');
      expect(all).toContain('our own infrastructure');
      const buttons = blocks.find((block) => block.type === 'actions');
      expect(decodeDomainButtonValue(buttons?.elements?.[0]?.value)).toEqual({ domain: 'bounces.example', from: 'active', day, verdict: 'pull', rules: ['bounce_rate', 'invalid_rate'] });
    }
  });

  it('/smtp domain shows Google Postmaster: its authentication rates, or that it has no data under its volume floor (not 0 %)', async () => {
    await upsertPostmasterDays(store.pool, [
      { day, sending_domain: 'clean-a.example', reported: false, spf_success_rate: null, dkim_success_rate: null, dmarc_success_rate: null },
      { day, sending_domain: 'clean-b.example', reported: true, spf_success_rate: 1, dkim_success_rate: 0.985, dmarc_success_rate: 0.97 },
    ]);
    const card = async (domain: string) => {
      harness.fake.reset();
      await harness.driver.command('/smtp', `domain ${domain}`);
      const { body } = await harness.fake.waitForResponse();
      expect(blockKitViolations(body.blocks as never)).toEqual([]);
      return JSON.stringify(body.blocks);
    };
    const quiet = await card('clean-a.example');
    expect(quiet).toContain("*Complaint rate*\\nno Postmaster data: under Google's volume floor");
    expect(quiet).not.toContain('Google Postmaster auth');
    const reported = await card('clean-b.example');
    expect(reported).toContain('*Google Postmaster auth*\\nSPF 100 % · DKIM 98.5 % · DMARC 97 %');
    expect(await card('clean-c.example')).not.toContain('Postmaster');
  });

  it('a pulled domain gets its card with Reactivate; an unknown one a clear message', async () => {
    harness.fake.reset();
    await harness.driver.command('/smtp', 'domain pulled.example');
    const pulled = await harness.fake.waitForResponse();
    expect(pulled.body.text).toMatch(/^pulled\.example \(pulled\) on 2026-11-27: pull/);
    expect(JSON.stringify(pulled.body.blocks)).toContain('"action_id":"domain_reactivate"');

    harness.fake.reset();
    await harness.driver.command('/smtp', 'domain nowhere.example');
    const unknown = await harness.fake.waitForResponse();
    expect(unknown.body.text).toBe('I don’t know the sending domain *nowhere.example*: domains appear once smtp-desk has seen sends or bounces from them.');
  });

  it('/smtp domain without a domain asks for one', async () => {
    const ack = await harness.driver.command('/smtp', 'domain');
    expect(ack.body).toMatchObject({ response_type: 'ephemeral', text: 'Which domain? For example: `/smtp domain outreach-example.com`' });
  });

  it('reads a domain out of what Slack delivers', () => {
    expect(domainFromInput('<http://example.com|example.com>')).toBe('example.com');
    expect(domainFromInput('&lt;https://Example.com/path?q=1&gt;')).toBe('example.com');
    expect(domainFromInput('<mailto:ana@outreach.example.com|ana@outreach.example.com>')).toBe('outreach.example.com');
    expect(domainFromInput('  example.com.  ')).toBe('example.com');
    expect(domainFromInput('not a domain')).toBeNull();
    expect(domainFromInput('')).toBeNull();
  });

  it('works the same in the local console', async () => {
    const input = new PassThrough();
    let printed = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'error', ...refusingDns });
    input.end('/smtp digest\n/smtp domain spf.example\n');
    await runConsole({ config, store, logger: createLogger('error', new PassThrough()), now: () => now }, { input, output });
    expect(printed).toContain(`Domain health · ${day}`);
    expect(printed).toContain('🟠 Fix · spf.example');
    expect(printed).toContain('SPF failed 2 times');
    expect(printed).toMatch(/spf\.example\n═+/);
  });
});
