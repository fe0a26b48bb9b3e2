// Every example of how real bounces were misread (issue "read real bounces as a deliverability
// engineer does"), each read as a deliverability engineer reads it.
import { describe, expect, it } from 'vitest';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';
import { explain } from '../../src/knowledge/explain.js';
import { phraseCount } from '../../src/knowledge/wording.js';

const eximSize =
  'A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed: r.ortega@lakeside-clinic.example host mx1.lakeside-clinic.example [198.51.100.23] SMTP error from remote mail server after MAIL FROM:<alex@outreach-mail.example> SIZE=250: 550 Connection from 203.0.113.5 refused: your network is on our local block list';

const postfixTwo = [
  'This is the mail system at host mail.outreach-mail.example.',
  '',
  "I'm sorry to have to inform you that your message could not",
  'be delivered to one or more recipients.',
  '',
  '<dana@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 552',
  '    5.2.2 <dana@fernhill.example>: Mailbox quota exceeded (in reply to RCPT TO',
  '    command)',
  '',
  '<lee@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 550 5.1.1',
  '    <lee@fernhill.example>: Recipient address rejected: User unknown in virtual',
  '    mailbox table (in reply to RCPT TO command)',
].join('\n');

describe('whole reports', () => {
  it('reads the Exim reply after "SIZE=250:", not the size, and the stage MAIL FROM', () => {
    const explanation = explain(eximSize);
    expect(explanation).toMatchObject({
      category: 'reputation',
      reply_code: 550,
      class: 'permanent',
      smtp_stage: 'mail_from',
      recipient: 'r.ortega@lakeside-clinic.example',
      remote_host: 'mx1.lakeside-clinic.example',
    });
  });

  it('reads the same report with its line breaks intact or lost', () => {
    const flat = explain(postfixTwo.replace(/\s+/g, ' '));
    const kept = explain(postfixTwo);
    expect({ ...flat, input: '', meaning: '' }).toEqual({ ...kept, input: '', meaning: '' });
  });

  it('reads an Exchange report by its wording when it carries no code', () => {
    const explanation = explain(
      "Delivery has failed to these recipients or groups: maria.lopez@contoso-industrial.example The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.",
    );
    expect(explanation).toMatchObject({ category: 'invalid_recipient', recipient: 'maria.lopez@contoso-industrial.example', class: 'permanent' });
  });

  it('reads a refusal at the initial connection as the sending IP\'s reputation', () => {
    expect(explain('SMTP error from remote mail server after initial connection: 554 mail.acme-corp.example ESMTP not accepting mail from 203.0.113.5')).toMatchObject({
      category: 'reputation',
      smtp_stage: 'connect',
    });
  });

  it('splits a Postfix report into its two recipients, each with its own reading', () => {
    const explanation = explain(postfixTwo);
    expect(explanation).toMatchObject({ category: 'mailbox_full', recipient: 'dana@fernhill.example', smtp_stage: 'rcpt_to', remote_host: 'mx.fernhill.example' });
    expect(explanation.recipients).toEqual([
      { recipient: 'dana@fernhill.example', reply_code: 552, enhanced_code: '5.2.2', category: 'mailbox_full', smtp_stage: 'rcpt_to' },
      { recipient: 'lee@fernhill.example', reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient', smtp_stage: 'rcpt_to' },
    ]);
    expect(classifyBounce(postfixTwo, null, null, 'lee@fernhill.example')).toMatchObject({ category: 'invalid_recipient', reply_code: 550 });
  });

  it('takes the final permanent reply when a paste lists a deferral first', () => {
    const explanation = explain(
      '451 4.7.1 <kim@harbor.example>: Recipient address rejected: Greylisted, try again later. Then: 550 5.1.1 <kim@harbor.example>... User unknown',
    );
    expect(explanation).toMatchObject({ category: 'invalid_recipient', reply_code: 550, enhanced_code: '5.1.1', class: 'permanent', retry: false });
    expect(classifyBounce(explanation.input)).toMatchObject({ reply_code: 550, category: 'invalid_recipient' });
  });

  it('never reads a Sendmail X-Unix exit status as a reply', () => {
    const dsn = 'Final-Recipient: RFC822; pat@example.net\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: X-Unix; 255';
    expect(explain(dsn).reply_code).toBeNull();
  });

  it('does not let a 2xx-looking number overturn a blocklist reading', () => {
    expect(explain('Message 250 of the batch: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org').category).toBe('reputation');
  });

  it('reads an RFC 3464 part: recipient, remote host, and the specific code under Status 5.0.0', () => {
    const explanation = explain(
      'Reporting-MTA: dns; mx.outreach-mail.example\n\nFinal-Recipient: rfc822; ana@birch.example\nAction: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.birch.example\nDiagnostic-Code: smtp; 550 5.1.1 <ana@birch.example>: Recipient address rejected: User unknown',
    );
    expect(explanation).toMatchObject({ recipient: 'ana@birch.example', remote_host: 'mx.birch.example', reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient' });
  });
});

describe('wording beats a generic code', () => {
  it.each([
    ['550 Message refused: sending IP 203.0.113.5 is on our deny list', 'reputation'],
    ['550 Recipient mailbox has exceeded its storage quota', 'mailbox_full'],
    ['550 Message refused: bulk/unsolicited content detected (score 9.4)', 'spam_content'],
    ['smtp; DNS lookup for brightlane-studio.example returned NXDOMAIN (no such domain)', 'invalid_recipient'],
    ['550 Rejected: DMARC evaluation failed for header.from=outreach-mail.example', 'authentication'],
  ])('%s → %s', (input, category) => {
    expect(explain(input).category).toBe(category);
    expect(classifyBounce(input).category).toBe(category);
  });
});

describe('codes read as receivers use them', () => {
  it.each([
    ['550 5.4.4 Unable to route: no MX or A record for northwind-logistics.example', 'invalid_recipient'],
    ['525 5.7.13 Recipient account disabled by administrator', 'invalid_recipient'],
    ['452 4.3.2 Too many concurrent connections from 203.0.113.5, slow down', 'rate_limited'],
    ['521 5.3.2 mx.closedcorp.example does not accept mail', 'invalid_recipient'],
    ['535 5.7.3 Authentication unsuccessful', 'sender_credentials'],
  ])('%s → %s', (input, category) => {
    expect(explain(input).category).toBe(category);
  });
});

describe('the sender\'s own address refused is never the lead\'s problem', () => {
  it.each([
    ['553 5.1.8 <alex@outreach-mail.example>... Domain of sender address alex@outreach-mail.example does not resolve', 'authentication'],
    ['550 5.1.0 Sender rejected: envelope sender domain outreach-mail.example has no MX or A record (in reply to MAIL FROM command)', 'authentication'],
    ['550 Sender verify failed for <bounces@mailer.outreach-mail.example>', 'policy'],
  ])('%s → %s', (input, category) => {
    const explanation = explain(input);
    expect(explanation.category).toBe(category);
    expect(explanation.action).not.toBe('remove_address');
    expect(explanation.recipient).toBeNull();
  });
});

describe('provider knowledge', () => {
  it.each([
    ['451 4.7.500 Server busy. Please try again later from [203.0.113.5]. (S77712) [CO1NAM11FT019.eop-nam11.prod.protection.outlook.com]', 'rate_limited'],
    ['550 5.7.1 Recipient address rejected: Access denied. [CY4PEPF0000E9D1.namprd05.prod.outlook.com]', 'invalid_recipient'],
    ['421 RP-001 (BAY004-MC1F27) Unfortunately, some messages from 203.0.113.8 weren\'t sent. Please try again. [mail.live.com]', 'rate_limited'],
    ['550 SC-001 (BAY004-MC5F12) Unfortunately, messages from 203.0.113.9 weren\'t sent. hotmail', 'reputation'],
    ['550 DY-001 (BLU004-MC1F42) We generally do not accept email from dynamic IP\'s. hotmail', 'reputation'],
    ['550 OU-001 (SNT004-MC3F46) part of their network is on our block list. hotmail', 'reputation'],
    ['550 5.7.515 Access denied, sending domain outreach-mail.example does not meet the required authentication level. [outlook.com]', 'authentication'],
    ['554 5.7.9 Message not accepted for policy reasons. See https://senders.yahooinc.com/error-codes', 'policy'],
    ['The group sales only accepts messages from people in its organization or on its allowed senders list.', 'policy'],
    ['451-4.7.24 The SPF record of the sending domain has one or more suspicious entries. gsmtp', 'authentication'],
    ['550-5.7.40 Your email has been blocked because the sending domain has no DMARC record. gsmtp', 'authentication'],
    ['421-4.7.32 The From: header is not aligned with either the authenticated SPF or DKIM organizational domain. gsmtp', 'authentication'],
    ['421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. gsmtp', 'reputation'],
    ['550-5.7.28 There is an unusual rate of unsolicited mail originating from your IP address. gsmtp', 'reputation'],
    ['552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]', 'mailbox_full'],
    ['550 5.7.1 Message content rejected, UBE', 'spam_content'],
  ])('%s → %s', (input, category) => {
    expect(explain(input).category).toBe(category);
  });
});

describe('other languages', () => {
  it.each([
    ['Zustellung fehlgeschlagen: Das Postfach des Empfängers ist voll.', 'mailbox_full'],
    ['550 El buzón del destinatario está lleno', 'mailbox_full'],
    ['宛先のメールボックスが容量を超えているため、メッセージを配信できませんでした。', 'mailbox_full'],
    ["550 5.1.1 Le nom du destinataire n'est pas reconnu", 'invalid_recipient'],
    ['550 Utente sconosciuto', 'invalid_recipient'],
    ['550 Caixa postal cheia', 'mailbox_full'],
    ['550 Onbekende gebruiker', 'invalid_recipient'],
  ])('%s → %s', (input, category) => {
    expect(explain(input).category).toBe(category);
  });
});

describe('the phrase table', () => {
  it('holds several hundred phrasings', () => {
    expect(phraseCount).toBeGreaterThan(500);
  });

  it('matches whole words only, so a longer word does not trigger a short phrase', () => {
    expect(explain('550 5.7.1 spamhaus-free relay of unspam stuff').category).not.toBe('spam_content');
  });
});
