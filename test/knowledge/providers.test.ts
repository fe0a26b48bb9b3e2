// Generated from gmail.tsv, microsoft.tsv and others.tsv: every row, pasted as "<reply> <status> <text>".
import { describe, expect, it } from 'vitest';
import { classifyBounce } from '../../src/knowledge/bounce-reading.js';
import { explain } from '../../src/knowledge/explain.js';
import { providerNames } from '../../src/knowledge/providers.js';
import { expectedCategories } from './provider-expectations.js';
import { providerCases, receivingHosts, type ProviderCase } from './reference.js';

const cases = providerCases();

function withHost(row: ProviderCase): string {
  const host = receivingHosts[row.provider];
  return host ? `${row.input}\nRemote-MTA: dns; ${host}` : row.input;
}

function expectedClass(row: ProviderCase): string {
  const digit = row.reply !== null ? String(row.reply)[0] : row.enhanced?.[0];
  return digit === '4' ? 'transient' : digit === '5' ? 'permanent' : 'any';
}

describe('provider reference rows', () => {
  it('covers all three files', () => {
    expect(new Set(cases.map((row) => row.file))).toEqual(new Set(['gmail.tsv', 'microsoft.tsv', 'others.tsv']));
    expect(cases.length).toBeGreaterThan(250);
  });

  describe.each(cases.map((row) => [`${row.file}: ${row.input.slice(0, 90)}`, row] as const))('%s', (_name, row) => {
    it('names the provider, from the text or from the receiving host', () => {
      const bare = explain(row.input).provider;
      // Without a host some rows are generic wording; then the provider is unknown or one the text names.
      if (bare !== null && bare !== row.provider) expect(row.input.toLowerCase()).toContain(bare);
      expect(explain(withHost(row)).provider).toBe(row.provider);
    });

    it('lands in a category a cold-email lead would agree with', () => {
      const explanation = explain(withHost(row));
      expect(explanation.category).not.toBe('unknown');
      const expected = expectedCategories(row.text);
      expect(expected, 'the wording table has a line for this row').toBeDefined();
      expect(expected).toContain(explanation.category);
      expect(classifyBounce(withHost(row)).category).toBe(explanation.category);
    });

    it('retries exactly when the reply class is temporary', () => {
      const explanation = explain(withHost(row));
      const klass = expectedClass(row);
      if (klass !== 'any') expect(explanation.class).toBe(klass);
      expect(explanation.retry).toBe(explanation.class === 'transient');
      expect(explanation.next_steps.length).toBeGreaterThanOrEqual(1);
      expect(explanation.next_steps.length).toBeLessThanOrEqual(4);
    });

    it('finds the codes the row carries', () => {
      const explanation = explain(row.input);
      if (row.reply !== null) expect(explanation.reply_code).toBe(row.reply);
      if (row.enhanced !== null && /^[245]\.[0-7]\.\d{1,3}$/.test(row.enhanced)) expect(explanation.enhanced_code).toBe(row.enhanced);
    });
  });

  it('gives every provider a display name', () => {
    for (const row of cases) expect(Object.keys(providerNames)).toContain(row.provider);
  });
});
