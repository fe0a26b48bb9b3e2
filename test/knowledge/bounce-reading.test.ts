import { describe, expect, it } from 'vitest';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';

describe('classifyBounce', () => {
  it('returns exactly the importer\'s fields', () => {
    expect(classifyBounce('550 5.1.1 <a@b.com>: Recipient address rejected: User unknown')).toEqual({
      reply_code: 550,
      enhanced_code: '5.1.1',
      category: 'invalid_recipient',
      provider: null,
      auth_check: null,
      smtp_stage: null,
    });
  });

  it('lets explicit codes win over codes in the text', () => {
    expect(classifyBounce('550 5.1.1 user unknown', 421, '4.7.0')).toMatchObject({ reply_code: 421, enhanced_code: '4.7.0' });
    expect(classifyBounce('bounced', 550, '5.7.23')).toMatchObject({ category: 'authentication', auth_check: 'spf' });
    expect(classifyBounce('', null, '5.7.606')).toMatchObject({ provider: 'microsoft', category: 'reputation' });
    expect(classifyBounce('unknown', undefined, ' 5.07.025 ')).toMatchObject({ enhanced_code: '5.7.25', auth_check: 'ptr' });
  });

  it('ignores explicit codes that are not codes', () => {
    expect(classifyBounce('550 5.1.1', 9999, 'five')).toMatchObject({ reply_code: 550, enhanced_code: '5.1.1' });
    expect(classifyBounce('550 5.1.1', Number.NaN, '5.7')).toMatchObject({ reply_code: 550, enhanced_code: '5.1.1' });
  });
});
