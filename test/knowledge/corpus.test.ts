import { describe, expect, it } from 'vitest';
import { explain } from '../../src/knowledge/explain.js';
import { categories, type Category } from '../../src/knowledge/types.js';
import { CorpusError, loadCorpus, parseCorpusFile, type Entry } from './corpus/load.js';

/**
 * The bounce corpus (test/knowledge/corpus/*.txt): synthetic bounces written the way each MTA,
 * provider and sequencer words them, each with the category a deliverability engineer would give it.
 */

const minEntries = 400;
const minSources = 20;
const categoryTarget = 0.95;
const fieldTarget = 0.9;
/** Each category needs this many entries; the rarer ones (few real bounces read that way) need fewer. */
const minPerCategory = 8;
const minPerRareCategory: Partial<Record<Category, number>> = { delivered: 5, unknown: 5, protocol: 5, message_too_big: 5 };

const corpus = loadCorpus();

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

function percent(hits: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * hits) / total).toFixed(1)} %`;
}

/** The reader's answer for one field, or undefined when it does not expose that field at all. */
type FieldRead = (result: Record<string, unknown>) => unknown;

interface FieldCheck {
  name: 'stage' | 'recipient' | 'reply' | 'enhanced';
  expected: (entry: Entry) => string | number | undefined;
  exposedAs: string;
  read: FieldRead;
  asserted: boolean;
}

const lower = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

const fieldChecks: FieldCheck[] = [
  { name: 'stage', expected: (entry) => entry.stage, exposedAs: 'smtp_stage', read: (result) => result.smtp_stage, asserted: true },
  {
    name: 'recipient',
    expected: (entry) => entry.recipient?.toLowerCase(),
    exposedAs: 'recipient',
    read: (result) => lower(result.recipient),
    asserted: true,
  },
  { name: 'reply', expected: (entry) => entry.reply, exposedAs: 'reply_code', read: (result) => result.reply_code, asserted: false },
  {
    name: 'enhanced',
    expected: (entry) => entry.enhanced,
    exposedAs: 'enhanced_code',
    read: (result) => result.enhanced_code,
    asserted: false,
  },
];

describe('bounce corpus: shape', () => {
  it(`holds at least ${minEntries} entries from at least ${minSources} sources`, () => {
    const sources = new Set(corpus.map((entry) => entry.source));
    expect(corpus.length).toBeGreaterThanOrEqual(minEntries);
    expect(sources.size).toBeGreaterThanOrEqual(minSources);
  });

  it(`gives every category at least ${minPerCategory} entries (${Object.entries(minPerRareCategory)
    .map(([category, count]) => `${category} ${count}`)
    .join(', ')})`, () => {
    const counts = new Map<Category, number>();
    for (const entry of corpus) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
    const short = categories.filter((category) => (counts.get(category) ?? 0) < (minPerRareCategory[category] ?? minPerCategory));
    expect(short.map((category) => `${category}: ${counts.get(category) ?? 0}`)).toEqual([]);
  });

  it('keeps bracketed and ip= addresses to the documentation ranges (RFC 5737)', () => {
    const documentation = /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/;
    const offenders = corpus.filter((entry) => {
      const ips = [...entry.text.matchAll(/(?:\[|ip=)((?:\d{1,3}\.){3}\d{1,3})(?=[\]&\s]|$)/g)].map((match) => match[1] ?? '');
      return ips.some((ip) => !documentation.test(ip));
    });
    expect(offenders.map((entry) => `${entry.file}:${entry.line}`)).toEqual([]);
  });

  it('says which file and line hold a bad header', () => {
    expect(() => parseCorpusFile('=== category=invalid_recipient reply=5501\n550 no', 'x.txt')).toThrow(
      new CorpusError('x.txt', 1, 'reply must be a three-digit reply code such as 550'),
    );
    expect(() => parseCorpusFile('# c\n=== category=delivered\n250 ok\n=== category=lost\ntext', 'y.txt')).toThrow(/^y\.txt:4: category/);
    expect(() => parseCorpusFile('=== category=policy stage=rcpt\ntext', 'z.txt')).toThrow(/^z\.txt:1: stage/);
    expect(() => parseCorpusFile('=== category=policy colour=red\ntext', 'z.txt')).toThrow(/^z\.txt:1: /);
    expect(() => parseCorpusFile('=== category=policy\n\n=== category=policy\ntext', 'w.txt')).toThrow('w.txt:1: entry has no bounce text');
  });
});

describe('bounce corpus: the reader', () => {
  const results = corpus.map((entry) => ({ entry, result: explain(entry.text) as unknown as Record<string, unknown> }));

  it(`names the expected category for at least ${categoryTarget * 100} % of entries`, () => {
    const misses = results.filter(({ entry, result }) => result.category !== entry.category);
    const hits = results.length - misses.length;
    const lines = misses.map(
      ({ entry, result }) =>
        `  ${entry.file}:${entry.line}  expected ${entry.category}, got ${String(result.category)}\n    ${preview(entry.text)}`,
    );
    console.log(`category agreement: ${hits}/${results.length} = ${percent(hits, results.length)}`);
    if (lines.length > 0) console.log(`misses (${lines.length}):\n${lines.join('\n')}`);
    expect(hits / results.length).toBeGreaterThanOrEqual(categoryTarget);
  });

  for (const check of fieldChecks) {
    const given = results.filter(({ entry }) => check.expected(entry) !== undefined);
    const exposed = results.length > 0 && check.exposedAs in (results[0]?.result ?? {});
    const title = check.asserted && exposed
      ? `reads ${check.name} right for at least ${fieldTarget * 100} % of the ${given.length} entries that give it`
      : `reports ${check.name} agreement on the ${given.length} entries that give it`;

    it(title, () => {
      if (!exposed) {
        console.log(`${check.name}: the reader has no "${check.exposedAs}" field yet (${given.length} entries give one)`);
        return;
      }
      const misses = given.filter(({ entry, result }) => check.read(result) !== check.expected(entry));
      const hits = given.length - misses.length;
      console.log(`${check.name} agreement: ${hits}/${given.length} = ${percent(hits, given.length)}`);
      if (misses.length > 0) {
        const lines = misses.map(
          ({ entry, result }) =>
            `  ${entry.file}:${entry.line}  expected ${String(check.expected(entry))}, got ${String(check.read(result))}\n    ${preview(entry.text)}`,
        );
        console.log(`${check.name} misses (${misses.length}):\n${lines.join('\n')}`);
      }
      if (check.asserted) expect(hits / Math.max(given.length, 1)).toBeGreaterThanOrEqual(fieldTarget);
    });
  }
});
