import { describe, expect, it } from 'vitest';
import { findAdapter } from '../../src/ingest/adapters/index.js';
import { readJsonRecords } from '../../src/ingest/json-input.js';
import { openRecords } from '../../src/ingest/records.js';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

async function all(...parts: string[]) {
  const records = [];
  for await (const batch of readJsonRecords(chunks(...parts))) records.push(...batch);
  return records.map(({ line, value, error }) => (error ? { line, error } : { line, value }));
}

describe('JSON input: one array, as an API returns a list, or JSON lines', () => {
  it('reads an array split over chunks, each element a record numbered by its position', async () => {
    expect(await all('\ufeff\n  [{"date":"2026-11-27","sent":1', '20},', '{"date":"2026-11-28","sent":3}]\n')).toEqual([
      { line: 1, value: { date: '2026-11-27', sent: 120 } },
      { line: 2, value: { date: '2026-11-28', sent: 3 } },
    ]);
  });

  it('reads JSON lines when the first character is not [, a bad line rejected with its line', async () => {
    expect(await all('', '{"a":1}\n', 'nope\n{"a":2}')).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: expect.stringMatching(/^not JSON: /) },
      { line: 3, value: { a: 2 } },
    ]);
  });

  it('rejects an array that is not JSON as one record, and reads an empty array as nothing', async () => {
    expect(await all('[{"a":1},')).toEqual([{ line: 1, error: expect.stringMatching(/^not JSON: /) }]);
    expect(await all('[]')).toEqual([]);
  });
});

describe('a CSV given to a JSON format', () => {
  it('stops at its header with one line naming the format, instead of rejecting every row as not JSON', async () => {
    const source = await openRecords(chunks('date,email_account,sent,bounced\n2026-11-27,a@x.example,100,3\n'), findAdapter('sends', 'instantly')!);
    const read = async () => {
      for await (const batch of source.records) void batch;
    };
    await expect(read()).rejects.toThrow('line 1 is a CSV header (date,email_account,sent,bounced): --format instantly sends reads JSON');
  });
});
