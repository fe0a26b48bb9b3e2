import { readJsonLines, type JsonLineRecord } from './jsonl.js';

/** Above this a JSON array is refused: it is read whole, where JSON lines stream. */
const jsonArrayLimit = 256 * 1024 * 1024;

/**
 * JSON payloads from text chunks: one JSON array of them (as an API returns a list; each element
 * is a record, its `line` the element's position), or JSON lines (one payload per line).
 */
export async function* readJsonRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<JsonLineRecord[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: (string | Buffer)[] = [];
  let start = '';
  while (start.trim() === '') {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    start += typeof next.value === 'string' ? next.value : next.value.toString('utf8');
  }
  const rest = async function* () {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  if (!start.replace(/^\ufeff/, '').trimStart().startsWith('[')) {
    yield* readJsonLines(rest());
    return;
  }
  let text = '';
  for await (const chunk of rest()) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > jsonArrayLimit) {
      yield [{ line: 1, text: text.slice(0, 200), error: `a JSON array over ${jsonArrayLimit / 1024 / 1024} MiB: write it as JSON lines` }];
      return;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    yield [{ line: 1, text: text.slice(0, 200), error: `not JSON: ${(error as Error).message}` }];
    return;
  }
  const items = value as unknown[];
  if (items.length > 0) yield items.map((item, i) => ({ line: i + 1, text: JSON.stringify(item), value: item }));
}
