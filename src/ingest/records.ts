import { UserFacingError } from '../errors.js';
import { printable } from '../printable.js';
import type { Adapter } from './adapters/adapter.js';
import { readCsv, type CsvRecord } from './csv.js';
import { readJsonRecords } from './json-input.js';
import type { JsonLineRecord } from './jsonl.js';

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
  /** The records in file order, a batch at a time. */
  records: AsyncIterable<SourceRecord[]>;
}

export class InputFormatError extends UserFacingError {}

/** `Email Account` → `email_account`. */
const columnName = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Opens the text stream the way the adapter reads it: CSV with a header row, or JSON lines. */
export async function openRecords(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): Promise<RecordSource> {
  return adapter.input === 'csv' ? openCsv(chunks, adapter) : { header: ['payload'], records: jsonRecords(chunks) };
}

const jsonRecord = ({ line, text, value, error }: JsonLineRecord): SourceRecord =>
  error ? { line, raw: [text], error } : { line, raw: [text], data: value };

async function* jsonRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<SourceRecord[]> {
  for await (const batch of readJsonRecords(chunks)) yield batch.map(jsonRecord);
}

async function openCsv(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): Promise<RecordSource> {
  const csv = readCsv(chunks);
  const first = await csv.next();
  if (first.done) throw new InputFormatError('the file is empty: a CSV header row is required');
  const [headerRecord, ...firstRecords] = first.value;
  const header = headerRecord!.fields;
  const columns = header.map(columnName);
  const missing = (adapter.requiredColumns ?? []).filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new InputFormatError(
      `the CSV header lacks ${missing.join(', ')} (${adapter.format} ${adapter.kind} needs ${adapter.requiredColumns!.join(', ')}; found ${printable(columns.join(', '))})`,
    );
  }
  const sourceRecord = (record: CsvRecord): SourceRecord => {
    const { line, fields } = record;
    const error =
      record.error ?? (fields.length === columns.length ? undefined : `has ${fields.length} fields, the header has ${columns.length}`);
    if (error) return { line, raw: fields, error };
    const data: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) data[columns[i]!] = fields[i]!;
    return { line, raw: fields, data };
  };
  async function* records(): AsyncGenerator<SourceRecord[]> {
    if (firstRecords.length > 0) yield firstRecords.map(sourceRecord);
    for await (const batch of csv) yield batch.map(sourceRecord);
  }
  return { header, records: records() };
}
