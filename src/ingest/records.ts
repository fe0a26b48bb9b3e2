import { UserFacingError } from '../errors.js';
import { printable } from '../printable.js';
import type { Adapter, JsonDocument } from './adapters/adapter.js';
import { readCsv, type CsvRecord } from './csv.js';
import { documentLines } from './json-document.js';
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

/** Opens the text stream the way the adapter reads it: CSV with a header row, JSON lines, or one JSON document. */
export async function openRecords(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): Promise<RecordSource> {
  if (adapter.input === 'csv') return openCsv(chunks, adapter);
  if (adapter.input === 'json') return { header: ['payload'], records: documentRecords(await readAll(chunks), adapter.document!) };
  return { header: ['payload'], records: jsonRecords(chunks, adapter) };
}

/** A saved API answer is read whole; past this size it is not one. */
const documentLimit = 64 * 1024 * 1024;

async function readAll(chunks: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > documentLimit) throw new InputFormatError(`the file is over ${documentLimit / 1024 / 1024} MiB: a saved API answer is smaller; split it into pages`);
  }
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rows of a JSON document of pages (JsonDocument), each with the line it starts on. */
async function* documentRecords(text: string, shape: JsonDocument): AsyncGenerator<SourceRecord[]> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputFormatError(`the file is not one JSON document (${(error as Error).message}): give the API's answer as saved, one page or an array of pages`);
  }
  const pages = Array.isArray(document) ? document : [document];
  const lines = documentLines(text, shape.list);
  const records = pages.map((page, index): SourceRecord[] => {
    const line = lines.pages[index] ?? 1;
    const raw = [JSON.stringify(page)];
    if (!isObject(page)) return [{ line, raw, error: `page ${index + 1} is not a JSON object with ${shape.list}` }];
    if (shape.otherShape.list in page && !(shape.list in page)) throw new InputFormatError(shape.otherShape.hint);
    if (shape.rowField !== undefined && shape.rowField in page) return [{ line, raw, data: page }];
    const rows = page[shape.list] ?? [];
    if (!Array.isArray(rows)) return [{ line, raw, error: `${shape.list} of page ${index + 1} is not a list` }];
    return rows.map((row, i) => ({ line: lines.rows[index]?.[i] ?? line, raw: [JSON.stringify(row)], data: row }));
  });
  yield records.flat();
}

const jsonRecord = ({ line, text, value, error }: JsonLineRecord): SourceRecord =>
  error ? { line, raw: [text], error } : { line, raw: [text], data: value };

/** A first line of comma-separated words, no JSON in sight: a CSV header given to a JSON format. */
const csvHeader = /^\ufeff?[\w "-]+(?:,[\w "-]+)+\r?$/;

async function* jsonRecords(chunks: AsyncIterable<string | Buffer>, adapter: Adapter): AsyncGenerator<SourceRecord[]> {
  let first = true;
  for await (const batch of readJsonRecords(chunks)) {
    const opening = batch[0];
    if (first && opening?.error !== undefined && opening.line === 1 && csvHeader.test(opening.text)) {
      throw new InputFormatError(
        `line 1 is a CSV header (${printable(opening.text.slice(0, 80))}): --format ${adapter.format} ${adapter.kind} reads JSON, one object per line or one array (docs/ingest.md)`,
      );
    }
    first = false;
    yield batch.map(jsonRecord);
  }
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
