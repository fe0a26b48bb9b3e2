/** One JSON-lines record: the parsed value (or why it is not JSON), the raw text, its line number. */
export interface JsonLineRecord {
  line: number;
  text: string;
  value?: unknown;
  error?: string;
}

/** Reads one JSON value per line (JSON Lines / NDJSON) from text chunks, the lines each chunk completes together; blank lines are skipped. */
export async function* readJsonLines(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<JsonLineRecord[]> {
  let pending = '';
  let line = 0;
  let first = true;
  for await (const chunk of chunks) {
    let text = pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (first) {
      first = false;
      if (text.startsWith('\ufeff')) text = text.slice(1);
    }
    let start = 0;
    const records: JsonLineRecord[] = [];
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line++;
      const record = parseLine(text.slice(start, end), line);
      if (record) records.push(record);
      start = end + 1;
    }
    pending = text.slice(start);
    if (records.length > 0) yield records;
  }
  if (pending !== '') {
    const record = parseLine(pending, line + 1);
    if (record) yield [record];
  }
}

function parseLine(raw: string, line: number): JsonLineRecord | undefined {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '') return undefined;
  try {
    return { line, text, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, text, error: `not JSON: ${(error as Error).message}` };
  }
}
