// The places where the operator guide, or a naive reading of the registry, gets it wrong.
import { describe, expect, it } from 'vitest';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';
import { explain } from '../../src/knowledge/explain.js';

describe('knowledge traps', () => {
  it('a recipient named spam@ or blocked@ is a name, not wording about spam or a block', () => {
    for (const name of ['spam', 'blocked', 'over.quota']) {
      expect(classifyBounce(`550 Delivery failed for <${name}@company.example>`).category).toBe('invalid_recipient');
      expect(classifyBounce(`554 <${name}@company.example>: rejected`).category).toBe('policy');
    }
    expect(classifyBounce('554 Message rejected as spam: lead@company.example').category).toBe('spam_content');
    // A paste that lost its line break: wording with a space in it is wording, even against an address.
    expect(classifyBounce('Delivery failed: mailbox full.lead@company.example').category).toBe('mailbox_full');
    expect(classifyBounce('Delivery failed: user unknown.lead@company.example').category).toBe('invalid_recipient');
  });

  it('a recipient named 550@ or 4.4.7@ is a name, not a reply code', () => {
    expect(classifyBounce('Delivery failed for <550@company.example>')).toMatchObject({ reply_code: null, enhanced_code: null });
    expect(classifyBounce('Undeliverable: 4.4.7@company.example')).toMatchObject({ enhanced_code: null });
    expect(classifyBounce('host said: 550 5.7.1 <421@company.example>... Relaying denied')).toMatchObject({ reply_code: 550, enhanced_code: '5.7.1', category: 'relay_denied' });
  });

  it('5.7.25 is reverse DNS (PTR), not SPF or DKIM', () => {
    const explanation = explain('550 5.7.25');
    expect(explanation.category).toBe('authentication');
    expect(explanation.title).toMatch(/reverse dns/i);
    expect(explanation.meaning).toMatch(/PTR/);
    expect(explanation.meaning).not.toMatch(/SPF|DKIM/);
    expect(explanation.next_steps.join(' ')).toMatch(/PTR/);
    expect(classifyBounce('550 5.7.25').auth_check).toBe('ptr');
  });

  it('5.7.26 shows the registry meaning, and Gmail\'s beside it when Gmail sent it', () => {
    const registry = explain('550 5.7.26');
    expect(registry.matched).toBe('enhanced');
    expect(registry.meaning).toMatch(/more than one authentication check/i);
    expect(registry.provider_meaning).toBeNull();

    const gmail = explain('550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. gsmtp');
    expect(gmail.provider).toBe('gmail');
    expect(gmail.matched).toBe('provider');
    expect(gmail.meaning).toMatch(/more than one authentication check/i);
    expect(gmail.provider_meaning).toMatch(/unauthenticated/i);
    expect(classifyBounce(gmail.input).auth_check).toBe('multiple');
    expect(classifyBounce('550 5.7.26 Unauthenticated email from x.com is not accepted due to domain\'s DMARC policy - gsmtp').auth_check).toBe('dmarc');
  });

  it.each([
    ['550 5.7.27 gsmtp', 'spf', /SPF/],
    ['550 5.7.30 gsmtp', 'dkim', /DKIM/],
    ['421 4.7.29 gsmtp', null, /TLS/],
    ['550 5.7.29 gsmtp', null, /TLS/],
    ['421 4.7.32 gsmtp', 'dmarc', /aligned/],
  ])('Gmail reuses %s its own way', (input, auth, meaning) => {
    const explanation = explain(input);
    expect(explanation.matched).toBe('provider');
    expect(explanation.provider_meaning).toMatch(meaning);
    expect(classifyBounce(input).auth_check).toBe(auth);
  });

  it('registry readings of 5.7.27 / 5.7.30 / 5.7.29 stand when no provider is shown', () => {
    expect(explain('5.7.27').meaning).toMatch(/null MX/);
    expect(explain('5.7.30').meaning).toMatch(/REQUIRETLS/);
    expect(explain('5.7.29').meaning).toMatch(/ARC/);
  });

  it('Microsoft 5.2.2 "submission quota exceeded" is your own limit: rate_limited / slow_down', () => {
    for (const input of ['552 5.2.2 Submission quota exceeded', '5.2.2 Submission quota exceeded', '554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException']) {
      const explanation = explain(input);
      expect(explanation.category, input).toBe('rate_limited');
      expect(explanation.action, input).toBe('slow_down');
    }
    expect(explain('552 5.2.2 Mailbox full').category).toBe('mailbox_full');
  });

  it('Microsoft 5.1.10 is recipient not found', () => {
    const explanation = explain('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup (protection.outlook.com)');
    expect(explanation.category).toBe('invalid_recipient');
    expect(explanation.action).toBe('remove_address');
    expect(explanation.meaning).toMatch(/null MX/);
  });

  it('Microsoft 5.4.1: "Access denied" is an invalid recipient, "Relay Access Denied" is relay_denied', () => {
    expect(explain('550 5.4.1 Recipient address rejected: Access denied. AS(201806281)').category).toBe('invalid_recipient');
    expect(explain('550 5.4.1 Relay Access Denied').category).toBe('relay_denied');
  });

  it('Yahoo 554 5.7.9 is a policy rejection, not a weak login mechanism', () => {
    const explanation = explain('554 5.7.9 Message not accepted for policy reasons. See https://postmaster.yahooinc.com/error-codes');
    expect(explanation.provider).toBe('yahoo');
    expect(explanation.category).toBe('policy');
    expect(explanation.meaning).toMatch(/login mechanism/i);
    expect(explain('534 5.7.9').category).toBe('sender_credentials');
  });

  it('Gmail 5.2.1: a disabled account is a list problem, "receiving mail too quickly" is a rate limit', () => {
    expect(explain('550 5.2.1 The email account that you tried to reach is disabled. gsmtp').category).toBe('invalid_recipient');
    const fast = explain('450 4.2.1 The user you are trying to contact is receiving mail too quickly. gsmtp');
    expect(fast.category).toBe('rate_limited');
    expect(fast.retry).toBe(true);
    expect(explain('550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. gsmtp').category).toBe('rate_limited');
  });

  it('552 with X.2.2: the reply code decides retry and the disagreement is stated', () => {
    const explanation = explain('552 5.2.2 The email account that you tried to reach is over quota. gsmtp');
    expect(explanation.retry).toBe(false);
    expect(explanation.class).toBe('permanent');
    expect(explanation.meaning).toMatch(/disagree/);
    const mixed = explain('454 5.5.1 STARTTLS may not be repeated.');
    expect(mixed.retry).toBe(true);
    expect(mixed.meaning).toMatch(/disagree/);
    expect(explain('550 5.1.1').meaning).not.toMatch(/disagree/);
  });

  it('classic guide cases carry the guide\'s know-how in the next steps', () => {
    expect(explain('421').next_steps.join(' ')).toMatch(/61 minutes/);
    expect(explain('421').next_steps.join(' ')).toMatch(/24 hours/);
    const login = explain('535 5.7.8').next_steps.join(' ');
    expect(login).toMatch(/App Password/);
    expect(login).toMatch(/Authenticated SMTP/);
    expect(login).toMatch(/Security Defaults/);
    expect(explain('550 5.1.1').next_steps.join(' ')).toMatch(/[Rr]emove the address/);
    expect(explain('550 5.1.1').next_steps.join(' ')).toMatch(/verif/);
    expect(explain('554').next_steps.join(' ')).toMatch(/warmed reserve/);
    expect(explain('550 5.7.23').next_steps.join(' ')).toMatch(/dig TXT/);
    const content = explain('421 4.7.0 This message is suspicious due to the nature of the content or the links within. gsmtp');
    expect(content.category).toBe('spam_content');
    expect(content.next_steps.join(' ')).toMatch(/25–50 words/);
    expect(content.next_steps.join(' ')).toMatch(/spintax/);
  });

  it('classifyBounce names the failed check', () => {
    expect(classifyBounce('550 5.7.23 SPF fail').auth_check).toBe('spf');
    expect(classifyBounce('550 5.7.24').auth_check).toBe('spf');
    for (const code of ['5.7.20', '5.7.21', '5.7.22']) expect(classifyBounce(`550 ${code}`).auth_check).toBe('dkim');
    expect(classifyBounce('550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification').auth_check).toBe('dmarc');
    expect(classifyBounce('550 5.7.515 Access denied, sending domain example.com does not meet the required authentication level.').auth_check).toBe('multiple');
    expect(classifyBounce('550 5.1.1 user unknown').auth_check).toBeNull();
  });
});
