export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** A CLI verb: its arguments (after the verb) in, an exit code out. */
export type Verb = (argv: string[], io: CliIo) => Promise<number>;

export const exitCodes = {
  ok: 0,
  notRecognised: 1,
  usage: 2,
  rowsRejected: 3,
  unchanged: 4,
  checksFailed: 5,
  failure: 1,
} as const;

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
