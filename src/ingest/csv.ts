/** One CSV record: its fields, the physical line it starts on (header = 1), and a parse problem if any. */
export interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

const quote = 0x22;
const comma = 0x2c;
const cr = 0x0d;
const lf = 0x0a;
const bom = '\ufeff';

/**
 * Reads RFC 4180 CSV from a stream of text chunks: quoted fields with commas, line breaks and
 * doubled quotes, CRLF or LF line ends, a leading byte-order mark. Blank lines are skipped. A
 * malformed record (text after a closing quote, an unterminated quote) is yielded with `error`
 * and reading goes on. Yields the records completed by each chunk together (one step per record
 * costs more than parsing it); holds one chunk's records in memory, never the file.
 */
export async function* readCsv(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<CsvRecord[]> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false;
  let error: string | undefined;
  let line = 1;
  let recordLine = 1;
  // A quote or CR at the end of a chunk is decided together with the next chunk's first character.
  let carry = '';
  let first = true;
  let records: CsvRecord[] = [];

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '' && !afterQuote && !error;
    const record = blank ? undefined : error ? { line: recordLine, fields, error } : { line: recordLine, fields };
    fields = [];
    field = '';
    afterQuote = false;
    error = undefined;
    return record;
  };

  for await (const chunk of chunks) {
    let text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    carry = '';
    if (first) {
      first = false;
      if (text.startsWith(bom)) text = text.slice(1);
    }
    const n = text.length;
    let start = 0;
    let i = 0;
    // Where the next LF and CR are (n for none), looked up again only once passed.
    let nextLf = -1;
    let nextCr = -1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if ((c === quote || c === cr) && i + 1 === n) {
        field += text.slice(start, i);
        carry = text[i]!;
        start = n;
        break;
      }
      if (inQuotes) {
        if (c === quote) {
          field += text.slice(start, i);
          if (text.charCodeAt(i + 1) === quote) {
            field += '"';
            i += 2;
          } else {
            inQuotes = false;
            afterQuote = true;
            i++;
          }
          start = i;
          continue;
        }
        // Only a quote ends quoted text: jump to the next one (or to a CR ending the chunk, which is carried).
        let end = text.indexOf('"', i);
        if (end === -1) end = text.charCodeAt(n - 1) === cr ? n - 1 : n;
        if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
        if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
        if (nextLf < end || nextCr < end) line += lineBreaks(text, i, end);
        i = end;
        continue;
      }
      if (c === comma) {
        fields.push(field + text.slice(start, i));
        field = '';
        afterQuote = false;
        start = ++i;
        continue;
      }
      if (c === lf || c === cr) {
        field += text.slice(start, i);
        const record = endRecord();
        if (record) records.push(record);
        line++;
        recordLine = line;
        i += c === cr && text.charCodeAt(i + 1) === lf ? 2 : 1;
        start = i;
        continue;
      }
      if (c === quote && i === start && field === '' && !afterQuote) {
        inQuotes = true;
        start = ++i;
        continue;
      }
      if (afterQuote) error ??= 'text after a closing quote';
      i++;
    }
    field += text.slice(start);
    if (records.length > 0) {
      yield records;
      records = [];
    }
  }
  if (carry === '"' && inQuotes) {
    inQuotes = false;
    afterQuote = true;
  } else if (carry === '"') {
    field += carry;
  }
  if (inQuotes) error ??= 'a quoted field is never closed';
  if (field !== '' || fields.length > 0 || afterQuote || error) {
    const record = endRecord();
    if (record) yield [record];
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

/** Line ends in text[from, to): LF, CRLF (counted at its LF) or a lone CR. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === lf || (c === cr && text.charCodeAt(i + 1) !== lf)) count++;
  }
  return count;
}

/** One CSV line (with CRLF) for `values`, quoting only where needed. */
export function formatCsvLine(values: readonly string[]): string {
  return `${values.map((value) => (/[",\r\n]/.test(value) || value.startsWith(' ') ? `"${value.replaceAll('"', '""')}"` : value)).join(',')}\r\n`;
}
