import { describe, expect, it } from 'vitest';
import { isAdapterEvent } from '../../src/ingest/adapters/adapter.js';
import { findAdapter } from '../../src/ingest/adapters/index.js';
import { describeIssues } from '../../src/ingest/import.js';
import { normaliseDomain } from '../../src/domain-name.js';
import { normaliseAddress } from '../../src/ingest/normalise.js';
import { instantlyBounce, lemlistBounce, plusvibeBounce, smartleadBounce } from './fixtures.js';

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

  it('instantly daily account analytics become sends', () => {
    const adapter = findAdapter('sends', 'instantly')!;
    expect(adapter.schema.parse({ date: '2026-11-27', email_account: 'Lukas@Reach-Example.io', sent: '19', bounced: '1', opened: '7' })).toEqual({
      day: '2026-11-27',
      sending_inbox: 'lukas@reach-example.io',
      sent: 19,
    });
  });

  it.each([
    ['smartlead', smartleadBounce(), { sending_inbox: 'ana@outreach-example.com', recipient: 'jordan.lee@acme-industries.example', external_id: '9c1e0a44-5f3b-4d0e-9d6a-2b4f8e1c7a10', campaign: 'Q4 Heads of Ops' }],
    ['instantly', instantlyBounce(), { sending_inbox: 'lukas@reach-example.io', recipient: 'm.schulz@spedition-nord.example', external_id: null, diagnostic: '' }],
    ['lemlist', lemlistBounce(), { sending_inbox: 'paul@prospect-example.fr', recipient: 'claire@agence-lumiere.example', external_id: 'act_7Hq2kX9pLmN3vR8sT' }],
    ['plusvibe', plusvibeBounce(), { sending_inbox: 'nina@growth-example.co', recipient: 'sam@brightlabs.example', external_id: '<pv-20261127-8842@growth-example.co>' }],
  ] as const)('%s webhook payloads become bounces', (format, payload, expected) => {
    const adapter = findAdapter('bounces', format)!;
    expect(isAdapterEvent(adapter, payload)).toBe(true);
    expect(adapter.schema.parse(payload)).toMatchObject({ ...expected, sequencer: format });
  });

  it('other events of the same sender are not bounces', () => {
    expect(isAdapterEvent(findAdapter('bounces', 'smartlead')!, smartleadBounce({ event_type: 'EMAIL_SENT' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'lemlist')!, lemlistBounce({ type: 'emailsOpened' }))).toBe(false);
    expect(isAdapterEvent(findAdapter('bounces', 'instantly')!, instantlyBounce({ event_type: 'reply_received' }))).toBe(false);
  });
});
