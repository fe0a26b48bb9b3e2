// Generated from basic-reply-codes.tsv and iana-enhanced-full.csv.
import { describe, expect, it } from 'vitest';
import { enhancedCodes } from '../../src/knowledge/enhanced-codes.js';
import { explain } from '../../src/knowledge/explain.js';
import { replyCodes } from '../../src/knowledge/reply-codes.js';
import { sourcesOf } from '../../src/knowledge/sources.js';
import { readCsv, readTsv } from './reference.js';

const replyRows = readTsv('basic-reply-codes.tsv');
const enhancedRows = readCsv('iana-enhanced-full.csv').filter((row) => /^X\.\d+\.\d+$/.test(row.code ?? ''));
const classes = ['2', '4', '5'] as const;
const classNames = { '2': 'success', '4': 'transient', '5': 'permanent' } as const;

describe('reply codes (RFC 5321, 7504, 4954, 3207)', () => {
  it('reads every row of the reference', () => {
    expect(replyRows.length).toBeGreaterThan(30);
  });

  describe.each(replyRows.map((row) => [`${row.reply} ${row.enhanced}`.trim(), row] as const))('%s', (_name, row) => {
    const code = Number(row.reply);

    it('resolves alone with matched "reply" and the class of its first digit', () => {
      const explanation = explain(String(code));
      expect(explanation.reply_code).toBe(code);
      expect(explanation.enhanced_code).toBeNull();
      expect(explanation.matched).toBe('reply');
      const digit = String(code)[0];
      expect(explanation.class).toBe(digit === '4' ? 'transient' : digit === '5' ? 'permanent' : 'success');
      expect(explanation.retry).toBe(digit === '4');
    });

    it('cites the defining RFC', () => {
      const rfc = (row.rfc ?? '').split(' ').slice(0, 2).join(' ');
      expect(sourcesOf(explain(`${code} ${row.enhanced ?? ''}`))).toContain(rfc);
    });

    it('resolves with its enhanced code too', () => {
      if (!row.enhanced) return;
      const explanation = explain(`${code} ${row.enhanced}`);
      expect(explanation.reply_code).toBe(code);
      expect(explanation.enhanced_code).toBe(row.enhanced);
      expect(explanation.matched).toBe('enhanced');
    });
  });

  it('knows no code the reference lacks', () => {
    expect(Object.keys(replyCodes).sort()).toEqual([...new Set(replyRows.map((row) => row.reply))].sort());
  });
});

describe('enhanced status codes (IANA registry, X.0.0 … X.7.30)', () => {
  it('reads every registered code', () => {
    expect(enhancedRows.length).toBeGreaterThan(80);
    expect(Object.keys(enhancedCodes).sort()).toEqual(enhancedRows.map((row) => (row.code ?? '').slice(2)).sort());
  });

  describe.each(enhancedRows.map((row) => [row.code, row] as const))('%s', (code, row) => {
    const key = (code ?? '').slice(2);

    it.each(classes)('%s.x.y resolves with matched "enhanced"', (klass) => {
      const explanation = explain(`${klass}.${key}`);
      expect(explanation.enhanced_code).toBe(`${klass}.${key}`);
      expect(explanation.reply_code).toBeNull();
      expect(explanation.matched).toBe('enhanced');
      expect(explanation.class).toBe(classNames[klass]);
      expect(explanation.title.length).toBeGreaterThan(0);
      expect(explanation.meaning).toContain(`${klass}.${key}`);
    });

    it('cites RFC 3463 and the defining document', () => {
      expect(enhancedCodes[key]?.rfc).toBe(row.rfc);
      const sources = sourcesOf(explain(`5.${key}`));
      expect(sources).toContain('RFC 3463');
      for (const rfc of (row.rfc ?? '').split('; ')) expect(sources).toContain(rfc);
    });
  });

  it.each([
    ['5.7.99', '5.7.0'],
    ['4.4.316', '4.4.0'],
    ['5.1.90', '5.1.0'],
  ])('falls back from unknown %s to its subject %s (matched "enhanced_class")', (code, fallback) => {
    const explanation = explain(code);
    expect(explanation.matched).toBe('enhanced_class');
    expect(explanation.meaning).toContain(fallback);
  });

  it('falls back to X.0.0 when the subject is unknown too', () => {
    // Subjects above 7 are not parsed as codes at all; use classifyBounce-style explicit input instead.
    const explanation = explain('5.0.99');
    expect(explanation.matched).toBe('enhanced_class');
    expect(explanation.meaning).toContain('5.0.0');
  });
});
