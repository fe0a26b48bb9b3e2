import { describe, expect, it } from 'vitest';
import { createBounceClassifier } from '../../src/ingest/classify.js';
import type { BounceInput } from '../../src/ingest/rows.js';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';
import { readTsv } from '../knowledge/reference.js';

const texts = ['gmail.tsv', 'microsoft.tsv', 'others.tsv', 'basic-reply-codes.tsv'].flatMap((name) => readTsv(name).map((row) => row.text ?? ''));
const codes: readonly [number | null, string | null][] = [[null, null], [550, null], [null, '5.7.26'], [421, '4.7.0'], [250, null]];

function input(diagnostic: string, reply_code: number | null, enhanced_code: string | null): BounceInput {
  return {
    occurred_at: new Date('2026-11-27T14:03:11Z'),
    sending_inbox: 'ana@outreach.example',
    recipient: 'lead@company.example',
    reply_code,
    enhanced_code,
    diagnostic,
    sequencer: 'generic',
    campaign: null,
    external_id: null,
  };
}

function expected(row: BounceInput) {
  const reading = classifyBounce(row.diagnostic, row.reply_code, row.enhanced_code, row.recipient);
  return {
    ...row,
    reply_code: row.reply_code ?? reading.reply_code,
    enhanced_code: row.enhanced_code ?? reading.enhanced_code,
    category: reading.category,
    auth_check: reading.auth_check,
    provider: reading.provider,
    smtp_stage: reading.smtp_stage,
    sender_originated: row.sender_originated ?? false,
  };
}

describe('createBounceClassifier', () => {
  it('stores the reading of the row\'s own recipient when the text names several, with its stage', () => {
    const report =
      '<dana@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 552 5.2.2 Mailbox quota exceeded (in reply to RCPT TO command) ' +
      '<lee@fernhill.example>: host mx.fernhill.example[198.51.100.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command)';
    const classify = createBounceClassifier();
    for (let pass = 0; pass < 2; pass++) {
      expect(classify({ ...input(report, null, null), recipient: 'lee@fernhill.example' })).toMatchObject({ category: 'invalid_recipient', reply_code: 550, smtp_stage: 'rcpt_to' });
      expect(classify({ ...input(report, null, null), recipient: 'dana@fernhill.example' })).toMatchObject({ category: 'mailbox_full', reply_code: 552, smtp_stage: 'rcpt_to' });
    }
  });

  it('gives the knowledge base reading of every reference reply, with and without codes of its own, cached or not', () => {
    expect(texts.length).toBeGreaterThan(100);
    const classify = createBounceClassifier();
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) {
        for (const [reply, enhanced] of codes) {
          const row = input(text, reply, enhanced);
          expect(classify(row)).toEqual(expected(row));
        }
      }
    }
  });

  it('reads a reply quoting the row\'s own address as the lookup does, whoever the recipient is', () => {
    const classify = createBounceClassifier();
    for (const [i, text] of texts.entries()) {
      for (const local of ['lead', `j.doe${i}`]) {
        const recipient = `${local}@company${i % 3}.example`;
        const row = { ...input(`${text} <${recipient}>: host mx.company.example said: ${text.slice(0, 40)} <${recipient}>`, null, null), recipient };
        expect(classify(row)).toEqual(expected(row));
      }
    }
  });

  it('takes no reason from the local part of the row\'s own address, only from the reply', () => {
    const classify = createBounceClassifier();
    const reply = (recipient: string) => ({ ...input(`550 5.7.1 <${recipient}>: Relay access denied`, null, null), recipient });
    const plain = classify(reply('lead@company.example'));
    expect(plain).toMatchObject({ category: expected(reply('lead@company.example')).category });
    expect(classify(reply('mailbox.full.spam@company.example'))).toMatchObject({ category: plain.category, provider: plain.provider });
    expect(classify(reply('lead@icloud.com'))).toMatchObject({ provider: 'apple' });
  });

  it('keeps reading correctly once the cache has been dropped for being full', () => {
    const classify = createBounceClassifier();
    for (let i = 0; i < 25_000; i++) {
      const row = input(`${texts[i % texts.length]} <lead${i % 12_000}@company.example>`, i % 3 === 0 ? 550 : null, null);
      const got = classify(row);
      if (i % 997 === 0) expect(got).toEqual(expected(row));
    }
  });
});
