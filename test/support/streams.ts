import { PassThrough, Writable } from 'node:stream';
import { runConsole } from '../../src/console/console.js';
import type { AppContext } from '../../src/context.js';

/** A writable that keeps what is written to it; `slow` acknowledges each chunk a tick later (backpressure). */
export function collector(options: { slow?: boolean; highWaterMark?: number } = {}): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    ...(options.highWaterMark ? { highWaterMark: options.highWaterMark } : {}),
    write(chunk: Buffer, _encoding, done) {
      chunks.push(String(chunk));
      if (options.slow) setImmediate(done);
      else done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** Types `lines` into the local console (stdin not a terminal) and returns everything it printed. */
export async function typeInto(context: AppContext, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = collector();
  input.end(lines.map((line) => `${line}\n`).join(''));
  await runConsole(context, { input, output });
  return output.text();
}
