import { UserFacingError } from '../errors.js';
import type { Adapter } from './adapters/adapter.js';
import { readCsv } from './csv.js';
import { readJsonLines } from './jsonl.js';

/** One input record: what the adapter validates (`data`), or why it cannot (`error`). */
export interface SourceRecord {
  line: number;
  /** The record as it was in the file: CSV fields, or the JSON line's text. */
  raw: string[];
  data?: unknown;
  error?: string;
}

export interface RecordSource {
  /** Column names for a rejects file: the CSV header, or `payload` for JSON lines. */
  header: string[];
  records: AsyncIterable<SourceRecord>;
}

export class InputFormatError extends UserFacingError {}

/** `Email Account` → `email_account`. */
const columnName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Opens the text stream the way the adapter reads it: CSV with a header row, or JSON lines. */
export async function openRecords(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): Promise<RecordSource> {
  return adapter.input === 'csv' ? openCsv(chunks, adapter) : { header: ['payload'], records: jsonRecords(chunks) };
}

async function* jsonRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<SourceRecord> {
  for await (const record of readJsonLines(chunks)) {
    yield { line: record.line, raw: [record.text], ...(record.error ? { error: record.error } : { data: record.value }) };
  }
}

async function openCsv(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): Promise<RecordSource> {
  const csv = readCsv(chunks);
  const first = await csv.next();
  if (first.done) throw new InputFormatError('the file is empty: a CSV header row is required');
  const header = first.value.fields;
  const columns = header.map(columnName);
  const missing = (adapter.requiredColumns ?? []).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new InputFormatError(
      `the CSV header lacks ${missing.join(', ')} (${adapter.format} ${adapter.kind} needs ${adapter.requiredColumns!.join(', ')}; found ${columns.join(', ')})`,
    );
  }
  async function* records(): AsyncGenerator<SourceRecord> {
    for await (const record of csv) {
      const { line, fields } = record;
      const error =
        record.error ?? (fields.length === columns.length ? undefined : `has ${fields.length} fields, the header has ${columns.length}`);
      if (error) {
        yield { line, raw: fields, error };
        continue;
      }
      const data: Record<string, string> = {};
      columns.forEach((column, i) => {
        data[column] = fields[i]!;
      });
      yield { line, raw: fields, data };
    }
  }
  return { header, records: records() };
}
