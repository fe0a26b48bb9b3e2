// `/smtp dns …` through the real Bolt app (signed requests, fake Slack) with DNS_SERVERS pointing at
// the local DNS server: the private card, its Share button, the domain card's last audit, and a DNS
// server that never answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareDnsAuditActionId } from '../../../src/slack/blocks/dns-audit.js';
import { blockKitLimits, blockKitViolations } from '../../../src/slack/blocks/limits.js';
import { upsertDomains, upsertInboxes } from '../../../src/store/fleet.js';
import { upsertSends } from '../../../src/store/sends.js';
import { healthyZone, sharedZone } from '../../dns/zones.js';
import { startApp, type Harness } from '../../support/app-harness.js';
import { openTestStore, type TestStore } from '../../support/db.js';
import { testChannel, testUser } from '../../support/driver.js';
import { startFakeDns, type FakeDns } from '../../support/fake-dns.js';

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: unknown }[] };

/** Sixty domain blocklists, every one of them listing messy.test: far more findings than one message holds. */
const manyZones = Array.from({ length: 60 }, (_, i) => `list${i}.bl.test`);

const zone = {
  ...sharedZone,
  ...healthyZone('messy.test', ({ spf, dmarc }) => ({
    [spf]: { TXT: ['v=spf1 include:_spf.provider.test ~all', 'v=spf1 mx -all'], MX: [{ exchange: 'mx.messy.test', priority: 10 }] },
    [dmarc]: { TXT: ['v=DMARC1; p=none; rua=mailto:d@messy.test'] },
  })),
  ...Object.fromEntries(manyZones.map((list) => [`messy.test.${list}`, { A: ['127.0.0.2'] }])),
  ...healthyZone('good.test'),
};

const now = new Date('2026-12-01T10:00:00Z');

describe('/smtp dns', () => {
  let dns: FakeDns;
  let store: TestStore;
  let harness: Harness;
  beforeAll(async () => {
    dns = await startFakeDns(zone);
    store = await openTestStore();
    await upsertDomains(store.pool, [{ domain: 'messy.test' }]);
    await upsertInboxes(store.pool, [{ address: 'ana@messy.test' }]);
    await upsertSends(store.pool, [{ day: '2026-11-30', sending_inbox: 'ana@messy.test', sent: 200 }]);
    harness = await startApp({ store, now: () => now, env: { DNS_SERVERS: dns.server, DNSBL_ZONES: manyZones.join(','), DKIM_SELECTORS: 'google' } });
  });
  afterAll(async () => {
    await harness?.stop();
    await store?.close();
    await dns?.close();
  });

  it('acknowledges at once, then shows every check with the record and the fix, within Block Kit limits', async () => {
    const ack = await harness.driver.command('/smtp', 'dns messy.test');
    expect(ack.status).toBe(200);
    expect(ack.body).toEqual({ response_type: 'ephemeral', text: 'Checking the DNS of *messy.test*…' });
    const { body } = await harness.fake.waitForResponse((response) => Array.isArray(response.body.blocks));
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('DNS of messy.test: fail (61 fail · 1 warn · 2 pass)');
    const blocks = body.blocks as Block[];
    expect(blockKitViolations(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(blockKitLimits.blocksPerMessage);
    const all = JSON.stringify(blocks);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'DNS · messy.test' } });
    expect(blocks[1]?.text?.text).toBe(':x: *fail* · 61 fail · 1 warn · 2 pass · checked 2026-12-01 10:00 UTC');
    // The failures come first: SPF with both records as found and the fix.
    expect(blocks[2]?.text?.text).toContain(':x: *fail* · `spf_multiple`  messy.test has 2 SPF records');
    expect(blocks[2]?.text?.text).toContain('*Found:*\n```v=spf1 include:_spf.provider.test ~all\nv=spf1 mx -all```');
    expect(blocks[2]?.text?.text).toContain('*Fix:* Merge them into one v=spf1 record');
    expect(all).toContain('`blocklisted`  messy.test is listed on list0.bl.test');
    expect(all).toMatch(/\d+ more not shown here: `smtp-desk dns messy\.test` prints every finding\./);
    expect(all).toContain(':white_check_mark: *Passing*');
    expect(all).toContain('`dkim_ok`  DKIM key at google._domainkey.messy.test: RSA 2048 bits');
    const actions = blocks.find((block) => block.type === 'actions');
    expect(actions?.elements?.[0]).toMatchObject({ action_id: shareDnsAuditActionId, value: 'messy.test' });
    expect(harness.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('Share posts the card in the channel, saying who shared it, without the button', async () => {
    harness.fake.reset();
    const click = await harness.driver.click({ action_id: shareDnsAuditActionId, value: 'good.test', text: 'Share in channel' });
    expect(click.status).toBe(200);
    const post = await harness.fake.waitFor('chat.postMessage');
    expect(post.args.channel).toBe(testChannel.id);
    expect(post.args.text).toBe('DNS of good.test: pass (5 pass)');
    const blocks = post.args.blocks as Block[];
    expect(blockKitViolations(blocks)).toEqual([]);
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain(`Shared by <@${testUser.id}>`);
  });

  it('the domain card shows the last audit: the verdict, when, and what fails in short', async () => {
    harness.fake.reset();
    await harness.driver.command('/smtp', 'domain messy.test');
    const { body } = await harness.fake.waitForResponse();
    const blocks = body.blocks as Block[];
    expect(blockKitViolations(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain(
      '*DNS:* :x: fail on 2026-12-01 10:00 UTC: 2 SPF records; on list0.bl.test; on list1.bl.test; on list2.bl.test and 58 more · `/smtp dns messy.test` for the records and fixes',
    );
  });

  it('asks for a domain when none is given', async () => {
    const ack = await harness.driver.command('/smtp', 'dns');
    expect(ack.body).toEqual({ response_type: 'ephemeral', text: 'Which domain? For example: `/smtp dns outreach-example.com`' });
  });
});

describe('/smtp dns with a DNS server that never answers', () => {
  let silent: FakeDns;
  let harness: Harness;
  beforeAll(async () => {
    silent = await startFakeDns({}, { silent: true });
    harness = await startApp({ env: { DNS_SERVERS: silent.server, DNS_TIMEOUT_MS: '300', DNS_DEADLINE_MS: '800' } });
  });
  afterAll(async () => {
    await harness?.stop();
    await silent?.close();
  });

  it('tells the asker the domain could not be checked', async () => {
    const ack = await harness.driver.command('/smtp', 'dns good.test');
    expect(ack.status).toBe(200);
    const { body } = await harness.fake.waitForResponse((response) => String(response.body.text).startsWith('I could not'));
    expect(body).toEqual({
      response_type: 'ephemeral',
      text: `I could not check the DNS of *good.test*: no DNS server answered any query for good.test (${silent.server}; 0.3 s a query, 0.8 s a domain): nothing could be checked. Please try again in a minute.`,
    });
  });
});
