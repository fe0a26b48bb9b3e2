import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { randomFor } from '../../src/demo/random.js';
import { formatCsvLine, readCsv, type CsvRecord } from '../../src/ingest/csv.js';

async function parse(text: string, chunkSize = text.length || 1): Promise<CsvRecord[]> {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
  const records: CsvRecord[] = [];
  for await (const batch of readCsv(Readable.from(chunks))) records.push(...batch);
  return records;
}

/** Every chunking of the input must read the same: quotes and CRLF split across chunks included. */
async function parseAllWays(text: string): Promise<CsvRecord[]> {
  const whole = await parse(text);
  for (const size of [1, 2, 3, 7]) expect(await parse(text, size)).toEqual(whole);
  return whole;
}

describe('readCsv', () => {
  it('reads fields, the header as line 1, and LF or CRLF line ends', async () => {
    expect(await parseAllWays('a,b,c\r\n1,2,3\n4,,6\r\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 3, fields: ['4', '', '6'] },
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quotes, and counts the physical lines', async () => {
    const text = 'h1,h2\r\n"a, b","say ""hi"""\r\n"two\r\nlines\nthree",x\r\nlast,"q"\r\n';
    expect(await parseAllWays(text)).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['a, b', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines\nthree', 'x'] },
      { line: 6, fields: ['last', 'q'] },
    ]);
  });

  it('drops a byte-order mark, skips blank lines, reads a last line without a line end', async () => {
    expect(await parseAllWays('\ufeffa,b\n\n1,2\r\n\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('reads an empty quoted field and quotes inside an unquoted field literally', async () => {
    expect(await parseAllWays('"",a"b\n')).toEqual([{ line: 1, fields: ['', 'a"b'] }]);
  });

  it('flags text after a closing quote and an unterminated quote, and reads on', async () => {
    expect(await parseAllWays('"a"b,c\nok,1\n"never closed,2\n')).toEqual([
      { line: 1, fields: ['ab', 'c'], error: 'text after a closing quote' },
      { line: 2, fields: ['ok', '1'] },
      { line: 3, fields: ['never closed,2\n'], error: 'a quoted field is never closed' },
    ]);
  });

  it('reads 10 KB fields', async () => {
    const long = 'x'.repeat(10_240);
    const records = await parse(`a,b\n"${long}, with ""quotes""",${long}\n`, 4096);
    expect(records[1]!.fields).toEqual([`${long}, with "quotes"`, long]);
  });

  it('counts the lines of quoted fields that span chunks the same whatever the chunking', async () => {
    const random = randomFor('csv chunking');
    const pieces = ['a', 'bc', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'x"y'];
    for (let n = 0; n < 2_000; n++) {
      let text = '';
      for (let k = random.int(0, 40); k > 0; k--) text += random.pick(pieces);
      await parseAllWays(text);
    }
  });

  it('writes what it reads', async () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\r\nlines', ' leading space', ''];
    expect(await parse(formatCsvLine(fields))).toEqual([{ line: 1, fields }]);
  });
});
