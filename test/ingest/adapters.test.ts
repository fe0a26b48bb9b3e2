import { describe, expect, it } from 'vitest';
import { isAdapterEvent } from '../../src/ingest/adapters/adapter.js';
import { findAdapter } from '../../src/ingest/adapters/index.js';
import { describeIssues } from '../../src/ingest/import.js';
import { normaliseDomain } from '../../src/domain-name.js';
import { normaliseAddress } from '../../src/ingest/normalise.js';
import { htmlToText } from '../../src/ingest/html-text.js';
import {
  emailbisonBounce,
  instantlyBounce,
  instantlyDailyAnalytics,
  lemlistBounce,
  plusvibeBounce,
  plusvibeReport,
  smartleadBounce,
  smartleadReportHtml,
} from './fixtures.js';

describe('normalisation', () => {
  it('lower-cases, unwraps display names and writes internationalised domains in ASCII', () => {
    expect(normaliseAddress(' Ana Ruiz <Ana@Outreach-Example.COM> ')).toBe('ana@outreach-example.com');
    expect(normaliseAddress('jörg@Bücher.example')).toBeNull();
    expect(normaliseAddress('joerg@Bücher.example')).toBe('joerg@xn--bcher-kva.example');
    expect(normaliseDomain('münchen.de.')).toBe('xn--mnchen-3ya.de');
    expect(normaliseAddress('no-at-sign')).toBeNull();
    expect(normaliseAddress('a b@x.com')).toBeNull();
    expect(normaliseDomain('localhost')).toBeNull();
  });
});

describe('adapters', () => {
  it('generic bounces: codes, optional columns, and every bad field named', () => {
    const adapter = findAdapter('bounces', 'generic')!;
    const row = adapter.schema.parse({
      occurred_at: '2026-11-27 14:03:11+01:00',
      sending_inbox: 'Ana@Outreach-Example.com',
      recipient: 'x@y.example',
      reply_code: '550',
      enhanced_code: '5.1.1',
      diagnostic: 'no such user',
      external_id: '',
    });
    expect(row).toEqual({
      occurred_at: new Date('2026-11-27T13:03:11Z'),
      sending_inbox: 'ana@outreach-example.com',
      recipient: 'x@y.example',
      reply_code: 550,
      enhanced_code: '5.1.1',
      diagnostic: 'no such user',
      sequencer: 'generic',
      campaign: null,
      external_id: null,
    });
    const bad = adapter.schema.safeParse({ occurred_at: '27/11/2026', sending_inbox: 'nobody', recipient: 'x@y.example', reply_code: '99', enhanced_code: '5.1', diagnostic: '' });
    expect(bad.success).toBe(false);
    const reason = describeIssues(bad.error!);
    for (const field of ['occurred_at', 'sending_inbox', 'reply_code', 'enhanced_code']) expect(reason).toContain(`${field}:`);
  });

  it('generic complaints need a count or a rate; 0.3% reads as 0.003', () => {
    const adapter = findAdapter('complaints', 'generic')!;
    expect(adapter.schema.parse({ day: '2026-11-27', sending_domain: 'Outreach-Example.com', spam_rate: '0.3%' })).toEqual({
      day: '2026-11-27',
      sending_domain: 'outreach-example.com',
      complaints: null,
      spam_rate: 0.003,
    });
    expect(adapter.schema.safeParse({ day: '2026-11-27', sending_domain: 'a.com', complaints: '', spam_rate: '' }).success).toBe(false);
  });

  it('instantly daily account analytics become sends, with the bounces Instantly counted beside them', () => {
    const adapter = findAdapter('sends', 'instantly')!;
    expect(adapter.schema.parse(instantlyDailyAnalytics({ email_account: 'Lukas@Reach-Example.io', sent: 19, bounced: 1 }))).toEqual({
      day: '2026-11-27',
      sending_inbox: 'lukas@reach-example.io',
      sent: 19,
      reported_bounces: 1,
    });
  });

  it.each([
    ['smartlead', smartleadBounce(), { sending_inbox: 'ana@outreach-example.com', recipient: 'jordan.lee@acme-industries.example', external_id: '9c1e0a44-5f3b-4d0e-9d6a-2b4f8e1c7a10', campaign: 'Q4 Heads of Ops', sender_originated: false, occurred_at: new Date('2026-11-27T14:03:11.482Z') }],
    ['instantly', instantlyBounce(), { sending_inbox: 'lukas@reach-example.io', recipient: 'm.schulz@spedition-nord.example', external_id: '0193f2a7-5c1e-7d40-9b2a-6e8f1c3d5a70', diagnostic: '', campaign: 'EU Logistics – wave 3' }],
    ['lemlist', lemlistBounce(), { sending_inbox: 'paul@prospect-example.fr', recipient: 'claire@agence-lumiere.example', external_id: 'act_7Hq2kX9pLmN3vR8sT', campaign: 'Agencies FR' }],
    ['plusvibe', plusvibeBounce(), { sending_inbox: 'nina@growth-example.co', recipient: 'sam@brightlabs.example', external_id: null, diagnostic: plusvibeReport, campaign: 'SaaS founders US' }],
    ['emailbison', emailbisonBounce(), { sending_inbox: 'tom@bison-example.net', recipient: 'd.okafor@harbor-freight.example', external_id: '551204', campaign: 'Freight ops Q4', occurred_at: new Date('2026-11-27T11:05:32Z') }],
  ] as const)('%s webhook payloads become bounces', (format, payload, expected) => {
    const adapter = findAdapter('bounces', format)!;
    expect(isAdapterEvent(adapter, payload)).toBe(true);
    expect(adapter.schema.parse(payload)).toMatchObject({ ...expected, sequencer: format });
  });

  it('smartlead: the whole html report over a cut preview, the preview when it is the longer reply with a code, the html when the preview has no code', () => {
    const adapter = findAdapter('bounces', 'smartlead')!;
    const whole = adapter.schema.parse(smartleadBounce()).diagnostic;
    expect(whole).toBe(htmlToText(smartleadReportHtml));
    expect(whole).toContain("recipient's email address for typos");
    expect(whole).not.toMatch(/[<>]|&nbsp;|&#39;/);
    const preview = '550 5.1.1 <jordan.lee@acme-industries.example>: Recipient address rejected: User unknown in virtual mailbox table';
    expect(adapter.schema.parse(smartleadBounce({ bounce_message: { text: preview, html: '<p>bounced</p>', time: '2026-11-27T14:03:11+00:00' } })).diagnostic).toBe(preview);
    expect(adapter.schema.parse(smartleadBounce({ bounce_message: { text: 'Your message could not be delivered to some recipients, see the report', html: '<p>550 5.1.1 user unknown</p>', time: '2026-11-27T14:03:11+00:00' } })).diagnostic).toBe('550 5.1.1 user unknown');
    expect(adapter.schema.parse(smartleadBounce({ bounce_message: null })).diagnostic).toBe('');
  });

  it('smartlead: a bounce the sender caused is kept as such', () => {
    const adapter = findAdapter('bounces', 'smartlead')!;
    expect(adapter.schema.parse(smartleadBounce({ is_sender_originated_bounce: true })).sender_originated).toBe(true);
  });

  it('instantly: an event without email_account is refused with its reason (the webhook holds it)', () => {
    const { email_account: _, ...withoutSender } = instantlyBounce();
    const parsed = findAdapter('bounces', 'instantly')!.schema.safeParse(withoutSender);
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(/^email_account: email_account is absent \(Instantly gives it only "if applicable"\)/);
  });

  it('lemlist: emailBounced in the singular is a bounce too, and name stands for the campaign when campaignName is absent', () => {
    const adapter = findAdapter('bounces', 'lemlist')!;
    const { campaignName: _, ...rest } = lemlistBounce({ type: 'emailBounced', name: 'Agencies BE' });
    expect(isAdapterEvent(adapter, rest)).toBe(true);
    expect(adapter.schema.parse(rest)).toMatchObject({ campaign: 'Agencies BE' });
  });

  it('other events of the same sender are not bounces', () => {
    expect(isAdapterEvent(findAdapter('bounces', 'smartlead')!, smartleadBounce({ event_type: 'EMAIL_SENT' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'lemlist')!, lemlistBounce({ type: 'emailsOpened' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'instantly')!, instantlyBounce({ event_type: 'reply_received' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'plusvibe')!, plusvibeBounce({ webhook_event: 'EMAIL_SENT' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'emailbison')!, emailbisonBounce({ event: { type: 'EMAIL_OPENED' } }))).toBe(false);
  });
});

describe('htmlToText', () => {
  it('drops tags, styles and comments, breaks lines where blocks end, decodes entities', () => {
    expect(htmlToText('<html><head><style>p{x:1}</style></head><body><!-- x --><p>550&nbsp;5.1.1&#32;no &amp; such</p><div>user&#x21;</div></body></html>')).toBe(
      '550 5.1.1 no & such\nuser!',
    );
  });
});
