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

/** The local console on a stand-in terminal: what is written reaches it as keystrokes or pastes would. */
export function terminalSession(context: AppContext): { write: (text: string) => void; waitFor: (pattern: RegExp, times?: number) => Promise<string>; end: () => Promise<string> } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = collector();
  const running = runConsole(context, { input, output });
  const waitFor = async (pattern: RegExp, times = 1) => {
    const deadline = Date.now() + 60_000;
    const matches = () => (output.text().match(new RegExp(pattern, 'g')) ?? []).length;
    while (matches() < times) {
      if (Date.now() > deadline) throw new Error(`the console never printed ${String(pattern)} ${times} times; it printed:\n${output.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return output.text();
  };
  return {
    write: (text) => input.write(text),
    waitFor,
    end: async () => {
      input.end();
      await running;
      return output.text();
    },
  };
}
