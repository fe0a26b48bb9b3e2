import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type Harness } from '../support/app-harness.js';
import { databaseLabel } from '../support/db.js';
import { explain } from '../../src/knowledge/explain.js';
import { digestDayAt } from '../../src/day.js';
import { upsertSends } from '../../src/store/sends.js';
import { emailbisonBounce, instantlyBounce, lemlistBounce, plusvibeBounce, smartleadBounce } from '../ingest/fixtures.js';

const token = 'wh-token-0123456789abcdef';
const smartleadSecret = 'smartlead-signing-secret';

const sign = (body: string, secret = smartleadSecret) => createHmac('sha256', secret).update(body).digest('hex');

describe(`sequencer webhooks through the app's HTTP server on ${databaseLabel}`, () => {
  let harness: Harness;
  let off: Harness;
  beforeAll(async () => {
    harness = await startApp({ env: { WEBHOOK_TOKEN: token, SMARTLEAD_WEBHOOK_SECRET: smartleadSecret } });
    off = await startApp();
  });
  afterAll(async () => {
    await harness.stop();
    await off.stop();
  });

  const post = (app: Harness, path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  /** Held payloads whose payload matches `where` (a condition on the payload's fields, e.g. `_id = 'x'`). */
  const held = async (where: string) =>
    (
      await harness.store.pool.query(
        `SELECT sequencer, reason, payload FROM webhook_dead_letters d, jsonb_to_record(d.payload) AS p(_id text, email_id text, stats_id text) WHERE replayed_at IS NULL AND ${where} ORDER BY id`,
      )
    ).rows;
  const stored = async (sequencer: string) =>
    Number((await harness.store.pool.query(`SELECT count(*) AS n FROM bounce_events WHERE sequencer = $1`, [sequencer])).rows[0].n);

  it('stores a signed Smartlead bounce once, however often it is delivered', async () => {
    const body = JSON.stringify(smartleadBounce());
    for (const expected of [{ stored: 1, duplicates: 0 }, { stored: 0, duplicates: 1 }]) {
      const response = await post(harness, '/webhooks/smartlead', body, { 'x-smartlead-signature': sign(body) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, ignored: 0, conflicts: 0, held: 0, ...expected });
    }
    expect(await stored('smartlead')).toBe(1);
    const { rows } = await harness.store.pool.query("SELECT sending_domain, category FROM bounce_daily JOIN bounce_events USING (sending_domain) WHERE sequencer = 'smartlead'");
    expect(rows).toEqual([{ sending_domain: 'outreach-example.com', category: 'invalid_recipient' }]);
  });

  it('stores the same reading as a lookup: category, codes and SMTP stage of a whole report', async () => {
    const report =
      'This is the mail system at host mail.outreach-example.com. <jordan.lee@acme-industries.example>: host mx.acme-industries.example[198.51.100.7] said: ' +
      '452 4.2.2 <jordan.lee@acme-industries.example>: Mailbox full, try later (in reply to RCPT TO command) ' +
      '<jordan.lee@acme-industries.example>: host mx.acme-industries.example[198.51.100.7] said: 552 5.2.2 Mailbox quota exceeded (in reply to end of DATA command)';
    const body = JSON.stringify(smartleadBounce({ stats_id: 'report-1', bounce_message: { message_id: '<b-1@x>', html: '', text: report, time: '2026-11-27T14:03:11.000Z' } }));
    const response = await post(harness, '/webhooks/smartlead', body, { 'x-smartlead-signature': sign(body) });
    expect(response.status).toBe(200);
    const { rows } = await harness.store.pool.query("SELECT reply_code, enhanced_code, category, smtp_stage FROM bounce_events WHERE sequencer = 'smartlead' AND external_id = 'report-1'");
    const lookup = explain(report);
    expect(rows).toEqual([{ reply_code: lookup.reply_code, enhanced_code: lookup.enhanced_code, category: lookup.category, smtp_stage: lookup.smtp_stage }]);
    expect(rows[0]).toEqual({ reply_code: 552, enhanced_code: '5.2.2', category: 'mailbox_full', smtp_stage: 'end_of_data' });
    await harness.store.pool.query("DELETE FROM bounce_events WHERE sequencer = 'smartlead' AND external_id = 'report-1'");
  });

  it('stores nothing with a wrong or missing signature', async () => {
    const body = JSON.stringify(smartleadBounce({ stats_id: 'unsigned-1' }));
    const attempts: Record<string, string>[] = [{ 'x-smartlead-signature': sign(body, 'wrong-secret') }, {}, { 'x-smartlead-signature': sign(`${body} `) }];
    for (const headers of attempts) {
      const response = await post(harness, '/webhooks/smartlead', body, headers);
      expect(response.status).toBe(401);
    }
    expect(await stored('smartlead')).toBe(1);
  });

  it('takes other senders with the URL token, and refuses a wrong one', async () => {
    const body = JSON.stringify(lemlistBounce());
    expect((await post(harness, '/webhooks/lemlist?token=wrong', body)).status).toBe(401);
    expect((await post(harness, '/webhooks/lemlist', body)).status).toBe(401);
    expect(await stored('lemlist')).toBe(0);
    const response = await post(harness, `/webhooks/lemlist?token=${token}`, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, stored: 1, duplicates: 0, conflicts: 0, ignored: 0, held: 0 });
    expect((await post(harness, `/webhooks/lemlist?token=${token}`, body)).status).toBe(200);
    expect(await stored('lemlist')).toBe(1);
  });

  it('accepts an array of events and ignores other event types', async () => {
    const body = JSON.stringify([plusvibeBounce(), plusvibeBounce({ webhook_event: 'EMAIL_SENT' })]);
    const response = await post(harness, `/webhooks/plusvibe?token=${token}`, body);
    expect(await response.json()).toEqual({ ok: true, stored: 1, duplicates: 0, conflicts: 0, ignored: 1, held: 0 });
  });

  it('holds an authenticated payload it cannot read and answers 200; 400 for a body that is not JSON, 404 for an unknown sequencer, 413 over the limit', async () => {
    const notJson = await post(harness, `/webhooks/lemlist?token=${token}`, '{"type":');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/^body is not JSON/);

    const bad = await post(harness, `/webhooks/lemlist?token=${token}`, JSON.stringify(lemlistBounce({ _id: 'act_bad', leadEmail: 'nobody' })));
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ ok: true, stored: 0, duplicates: 0, conflicts: 0, ignored: 0, held: 1, warnings: ['held: leadEmail: not an email address: "nobody"'] });
    expect(await held("_id = 'act_bad'")).toEqual([{ sequencer: 'lemlist', reason: 'leadEmail: not an email address: "nobody"', payload: lemlistBounce({ _id: 'act_bad', leadEmail: 'nobody' }) }]);

    expect((await post(harness, `/webhooks/mailchimp?token=${token}`, '{}')).status).toBe(404);
    // Postmaster Tools is an import format of complaints, not a sequencer with webhooks.
    const postmaster = await post(harness, `/webhooks/postmaster?token=${token}`, '{}');
    expect(postmaster.status).toBe(404);
    const offered = ((await postmaster.json()) as { error: string }).error.split(': use one of ')[1]?.split(', ');
    expect(offered).toContain('smartlead');
    expect(offered).not.toContain('postmaster');

    const huge = JSON.stringify(lemlistBounce({ _id: 'act_huge', errorMessage: 'x'.repeat(1_100_000) }));
    expect((await post(harness, `/webhooks/lemlist?token=${token}`, huge)).status).toBe(413);
    expect(await stored('lemlist')).toBe(1);
    expect(await held("_id = 'act_huge'")).toEqual([]);
  });

  it('holds a payload with a NUL character, which Postgres JSON cannot hold, without it', async () => {
    const response = await post(harness, `/webhooks/lemlist?token=${token}`, JSON.stringify(lemlistBounce({ _id: 'act_nul', leadEmail: 'no\u0000body' })));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ held: 1 });
    expect(await held("_id = 'act_nul'")).toEqual([{ sequencer: 'lemlist', reason: 'leadEmail: not an email address: "no\\u0000body"', payload: lemlistBounce({ _id: 'act_nul', leadEmail: 'nobody' }) }]);
  });

  it('answers a redelivered event id with other content as a conflict, stored once as it first came', async () => {
    const body = JSON.stringify(lemlistBounce({ _id: 'act_conflict' }));
    expect((await post(harness, `/webhooks/lemlist?token=${token}`, body)).status).toBe(200);
    const changed = JSON.stringify([lemlistBounce({ _id: 'act_conflict', errorMessage: '552 5.2.2 mailbox full' }), lemlistBounce({ _id: 'act_after' })]);
    const response = await post(harness, `/webhooks/lemlist?token=${token}`, changed);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      stored: 1,
      duplicates: 0,
      conflicts: 1,
      ignored: 0,
      held: 0,
      warnings: ['event 1: conflict: external_id "act_conflict" of sequencer lemlist is stored with another time, sender, recipient or diagnostic; this one is not stored'],
    });
    const { rows } = await harness.store.pool.query("SELECT diagnostic FROM bounce_events WHERE external_id = 'act_conflict'");
    expect(rows).toEqual([{ diagnostic: lemlistBounce().errorMessage }]);
  });

  it('holds an event dated far ahead or before 2000, or a code that is not written in digits, with the reason', async () => {
    for (const [overrides, reason] of [
      [{ _id: 'act_future', createdAt: '2099-01-01T00:00:00.000Z' }, 'createdAt: 2099-01-01T00:00:00.000Z is more than a day in the future'],
      [{ _id: 'act_past', createdAt: '1970-01-01T00:00:00.000Z' }, 'createdAt: 1970-01-01T00:00:00.000Z is before 2000-01-01'],
    ] as const) {
      const response = await post(harness, `/webhooks/lemlist?token=${token}`, JSON.stringify(lemlistBounce(overrides)));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { warnings: string[] }).warnings).toEqual([`held: ${reason}`]);
    }
    const generic = { occurred_at: '2026-11-27T10:00:00Z', sending_inbox: 'ana@outreach-example.com', recipient: 'x@acme.example', reply_code: '0x226', enhanced_code: '', diagnostic: 'no such user' };
    const hex = await post(harness, `/webhooks/generic?token=${token}`, JSON.stringify(generic));
    expect(hex.status).toBe(200);
    expect(((await hex.json()) as { warnings: string[] }).warnings).toEqual(['held: reply_code: "0x226" is not a whole number written in digits, such as 120']);
    expect(await stored('lemlist')).toBe(3);
  });

  it('counts Instantly bounces, which carry no reply code, as bounces on the domain card', async () => {
    const day = digestDayAt(new Date(), harness.context.config.DIGEST_TZ);
    const events = Array.from({ length: 20 }, (_, i) =>
      instantlyBounce({ email_id: `card-${i}`, email_account: 'lukas@card-example.io', lead_email: `lead${i}@prospect${i % 4}.example`, timestamp: `${day}T15:${String(i).padStart(2, '0')}:00.000Z` }),
    );
    const response = await post(harness, `/webhooks/instantly?token=${token}`, JSON.stringify(events));
    expect(await response.json()).toEqual({ ok: true, stored: 20, duplicates: 0, conflicts: 0, ignored: 0, held: 0 });
    // Instantly's daily analytics counted 26 bounces: 6 never reached smtp-desk as events.
    await upsertSends(harness.store.pool, [{ day, sending_inbox: 'lukas@card-example.io', sent: 120, reported_bounces: 26 }]);
    const { rows } = await harness.store.pool.query('SELECT events, bounces, deferrals FROM bounce_daily WHERE sending_domain = $1', ['card-example.io']);
    expect(rows).toEqual([{ events: 20, bounces: 20, deferrals: 0 }]);

    harness.fake.reset();
    await harness.driver.command('/smtp', 'domain card-example.io');
    const { body } = await harness.fake.waitForResponse();
    expect(body.text).toBe(`card-example.io (active) on ${day}: pull, 16.7 % bounced (20 of 120 sent)`);
    expect(JSON.stringify(body.blocks)).toContain('is over the 7 % pull line');
    expect(JSON.stringify(body.blocks)).toContain(`The sequencer counted 26 bounces on ${day}; 20 reached smtp-desk as events. 6 missing: check the webhook and ` + '`smtp-desk rejects`.');
  });

  it.each([
    ['instantly', () => instantlyBounce({ email_id: 'redelivered-1' })],
    ['plusvibe', () => plusvibeBounce({ lead_email: 'redelivered@brightlabs.example' })],
    ['emailbison', () => emailbisonBounce()],
  ] as const)('stores a %s bounce once however often the sequencer delivers it', async (sequencer, payload) => {
    const before = await stored(sequencer);
    for (const expected of [{ stored: 1, duplicates: 0 }, { stored: 0, duplicates: 1 }, { stored: 0, duplicates: 1 }]) {
      const response = await post(harness, `/webhooks/${sequencer}?token=${token}`, JSON.stringify(payload()));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, conflicts: 0, ignored: 0, held: 0, ...expected });
    }
    expect(await stored(sequencer)).toBe(before + 1);
  });

  it('reads an EmailBison bounce: sender, lead, campaign and the reply it quotes', async () => {
    const { rows } = await harness.store.pool.query("SELECT sending_inbox, recipient, campaign, external_id, reply_code, enhanced_code, category FROM bounce_events WHERE sequencer = 'emailbison'");
    expect(rows).toEqual([
      { sending_inbox: 'tom@bison-example.net', recipient: 'd.okafor@harbor-freight.example', campaign: 'Freight ops Q4', external_id: '551204', reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient' },
    ]);
  });

  it('takes the secret as secret_key in an unsigned Smartlead payload, and refuses a wrong one', async () => {
    const unsigned = JSON.stringify(smartleadBounce({ stats_id: 'by-secret-key', secret_key: smartleadSecret }));
    const response = await post(harness, '/webhooks/smartlead', unsigned);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, stored: 1 });
    for (const body of [JSON.stringify(smartleadBounce({ stats_id: 'wrong-key', secret_key: 'guess' })), JSON.stringify(smartleadBounce({ stats_id: 'no-key', secret_key: undefined })), 'not json']) {
      const refused = await post(harness, '/webhooks/smartlead', body);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe('no X-Smartlead-Signature, and the payload does not carry the secret as secret_key');
    }
    // The signature as Smartlead documents it, sha256=<hex>.
    const prefixed = JSON.stringify(smartleadBounce({ stats_id: 'sha256-prefixed' }));
    expect(await (await post(harness, '/webhooks/smartlead', prefixed, { 'x-smartlead-signature': `sha256=${sign(prefixed)}` })).json()).toMatchObject({ stored: 1 });
    // A signature header that is wrong is refused even when the payload carries the secret.
    const wrongSigned = JSON.stringify(smartleadBounce({ stats_id: 'wrong-signed', secret_key: smartleadSecret }));
    expect((await post(harness, '/webhooks/smartlead', wrongSigned, { 'x-smartlead-signature': sign(wrongSigned, 'other') })).status).toBe(401);
    const { rows } = await harness.store.pool.query("SELECT external_id FROM bounce_events WHERE sequencer = 'smartlead' AND external_id <> '9c1e0a44-5f3b-4d0e-9d6a-2b4f8e1c7a10' ORDER BY 1");
    expect(rows).toEqual([{ external_id: 'by-secret-key' }, { external_id: 'sha256-prefixed' }]);
    expect(await held("stats_id IN ('wrong-key', 'no-key', 'wrong-signed')")).toEqual([]);
  });

  it('counts a bounce the sender caused as a bounce of the domain, not as an invalid address of the lead list', async () => {
    const events = [
      smartleadBounce({ stats_id: 'lead-side', from_email: 'ana@sender-side.example', to_email: 'gone@acme.example' }),
      smartleadBounce({ stats_id: 'sender-side', from_email: 'ana@sender-side.example', to_email: 'other@acme.example', is_sender_originated_bounce: true }),
    ];
    const body = JSON.stringify(events);
    expect(await (await post(harness, '/webhooks/smartlead', body, { 'x-smartlead-signature': sign(body) })).json()).toMatchObject({ stored: 2 });
    const { rows } = await harness.store.pool.query("SELECT bounces, invalid FROM bounce_daily WHERE sending_domain = 'sender-side.example'");
    expect(rows).toEqual([{ bounces: 2, invalid: 1 }]);
    const flags = await harness.store.pool.query("SELECT external_id, sender_originated FROM bounce_events WHERE sending_inbox = 'ana@sender-side.example' ORDER BY 1");
    expect(flags.rows).toEqual([{ external_id: 'lead-side', sender_originated: false }, { external_id: 'sender-side', sender_originated: true }]);
  });

  it('holds an Instantly bounce without email_account (once, however often it comes), and stores the rest of its delivery', async () => {
    const { email_account: _, ...withoutSender } = instantlyBounce({ email_id: 'no-sender-1' });
    const body = JSON.stringify([withoutSender, instantlyBounce({ email_id: 'with-sender-1' })]);
    for (let delivery = 0; delivery < 2; delivery++) {
      const response = await post(harness, `/webhooks/instantly?token=${token}`, body);
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { held: number; warnings: string[] };
      expect(answer.held).toBe(1);
      expect(answer.warnings).toEqual([expect.stringMatching(/^event 1: held: email_account: email_account is absent/)]);
    }
    expect(await held("email_id = 'no-sender-1'")).toEqual([{ sequencer: 'instantly', reason: expect.stringMatching(/^email_account: email_account is absent/), payload: withoutSender }]);
    expect((await harness.store.pool.query("SELECT count(*)::int AS n FROM bounce_events WHERE external_id = 'with-sender-1'")).rows).toEqual([{ n: 1 }]);
  });

  it('answers 200 to a test ping or another event, and stores nothing of it', async () => {
    const before = await harness.store.pool.query('SELECT (SELECT count(*) FROM bounce_events) + (SELECT count(*) FROM webhook_dead_letters) AS n');
    for (const [sequencer, payload] of [
      ['instantly', instantlyBounce({ event_type: 'email_opened' })],
      ['lemlist', lemlistBounce({ type: 'emailsOpened' })],
      ['emailbison', emailbisonBounce({ event: { type: 'EMAIL_SENT' } })],
    ] as const) {
      const response = await post(harness, `/webhooks/${sequencer}?token=${token}`, JSON.stringify(payload));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, stored: 0, duplicates: 0, conflicts: 0, ignored: 1, held: 0 });
    }
    const ping = JSON.stringify({ event_type: 'TEST', secret_key: smartleadSecret });
    expect(await (await post(harness, '/webhooks/smartlead', ping)).json()).toEqual({ ok: true, stored: 0, duplicates: 0, conflicts: 0, ignored: 1, held: 0 });
    const after = await harness.store.pool.query('SELECT (SELECT count(*) FROM bounce_events) + (SELECT count(*) FROM webhook_dead_letters) AS n');
    expect(after.rows).toEqual(before.rows);
  });

  it('is off, saying how to enable it, when neither secret is configured', async () => {
    const response = await post(off, '/webhooks/lemlist?token=anything', JSON.stringify(lemlistBounce()));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/set WEBHOOK_TOKEN/);
  });
});
