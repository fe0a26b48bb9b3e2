import { describe, expect, it } from 'vitest';
import { explain } from '../../src/knowledge/explain.js';
import { normalise, scanLimit } from '../../src/knowledge/text.js';

/** The codes and provider the reader finds in a text. */
function parse(input: string) {
  const { reply_code, enhanced_code, provider } = explain(input);
  return { reply_code, enhanced_code, provider };
}

describe('reading codes', () => {
  it.each([
    ['550', 550, null],
    ['5.7.26', null, '5.7.26'],
    ['550 5.7.26', 550, '5.7.26'],
    ['550-5.7.26', 550, '5.7.26'],
    ['5.7.26 550', 550, '5.7.26'],
    ['#550 5.1.1', 550, '5.1.1'],
    ['550 #5.1.1', 550, '5.1.1'],
    ['smtp; 550 5.1.1 <a@b.com>: Recipient address rejected: User unknown', 550, '5.1.1'],
    ['Remote server returned \'550 5.4.1 Recipient address rejected: Access denied\'', 550, '5.4.1'],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred - 4.16.55.1', 421, '4.7.0'],
    ['5.7.606 Access denied, banned sending IP [203.0.113.9]', null, '5.7.606'],
    ['(554.30) mailbox disabled', null, null],
    ['250 2.0.0 OK queued', 250, '2.0.0'],
    ['354 go ahead', 354, null],
  ])('%s → %s / %s', (input, reply, enhanced) => {
    const parsed = parse(input);
    expect(parsed.reply_code).toBe(reply);
    expect(parsed.enhanced_code).toBe(enhanced);
  });

  it('reads Diagnostic-Code and Status lines of a DSN', () => {
    const dsn = [
      'Reporting-MTA: dns; mail.example.com',
      'Final-Recipient: rfc822; a@b.com',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <a@b.com>: Recipient address rejected: User unknown in virtual mailbox table',
    ].join('\n');
    expect(parse(dsn)).toMatchObject({ reply_code: 550, enhanced_code: '5.1.1' });
    expect(parse('Status: 5.0.0\nDiagnostic-Code: smtp; 554 rejected')).toMatchObject({ reply_code: 554, enhanced_code: '5.0.0' });
  });

  it('reads Gmail\'s multi-line continuation replies', () => {
    const gmail = [
      '550-5.7.26 This mail has been blocked because the sender is',
      '550-5.7.26 unauthenticated. Gmail requires all senders to authenticate with',
      '550-5.7.26 either SPF or DKIM.',
      '550 5.7.26 https://support.google.com/mail/answer/81126 d2e1a72fcca58-2b4fcaeb33esi123 - gsmtp',
    ].join('\n');
    expect(parse(gmail)).toMatchObject({ reply_code: 550, enhanced_code: '5.7.26', provider: 'gmail' });
  });

  it.each([
    ['S3150', 'microsoft'],
    ['(AS761)', 'microsoft'],
    ['TSS04', 'yahoo'],
    ['tss04', 'yahoo'],
    ['[HME1]', 'apple'],
    ['GSMTP', 'gmail'],
    ['blocked using zen.spamhaus.org', 'spamhaus'],
    ['blocked using bl.spamcop.net', 'spamcop'],
    ['blocked using dnsbl.sorbs.net', 'sorbs'],
    ['blocked using b.barracudacentral.org', 'barracuda'],
    ['mx.contoso.mail.protection.outlook.com', 'microsoft'],
    ['5.7.509 Access denied', 'microsoft'],
  ])('recognises %s as %s, in any case', (input, provider) => {
    expect(parse(input).provider).toBe(provider);
    expect(parse(input.toUpperCase()).provider).toBe(provider);
  });

  it('undoes Slack\'s escaping and link markup', () => {
    const slack = '550 5.1.1 &lt;<mailto:a@b.com|a@b.com>&gt;: User unknown, see <https://support.google.com/mail/answer/6596|support.google.com/mail/answer/6596> &amp; retry';
    expect(parse(slack)).toMatchObject({ reply_code: 550, enhanced_code: '5.1.1', provider: 'gmail' });
    expect(normalise(slack)).toContain('<a@b.com>');
    expect(normalise(slack)).toContain('& retry');
    expect(normalise('<http://x|x> and <https://example.com>')).toBe('x and https://example.com');
  });

  it.each([
    'from 192.168.250.1 port 25',
    'client 10.5.7.1 refused',
    'host 5.7.26.1 said',
    'on 2026-11-28 at 12:55:01',
    'message size 25000000 bytes',
    'attachment of 250 KB',
    'running v5.2.1',
    'nginx/1.25.3',
    'costs $250',
    'mail.example.com:587',
    'took 450ms',
    'AS16012609',
    'OFR_999',
  ])('takes no code from %s', (input) => {
    const parsed = parse(input);
    expect(parsed.reply_code).toBeNull();
    expect(parsed.enhanced_code).toBeNull();
  });

  it('scans only the first part of a huge paste (bench/lookup.bench.ts times the slowest input)', () => {
    const huge = `${'5.5.5.5.'.repeat(10_000)} 550 5.1.1`;
    const parsed = parse(huge);
    expect(parsed.reply_code).toBeNull();
    expect(normalise(huge).length).toBeLessThanOrEqual(scanLimit);
    expect(parse(`${'x'.repeat(scanLimit)} 550 5.1.1`).reply_code).toBeNull();
  });
});
