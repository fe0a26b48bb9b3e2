import { printableLines } from '../printable.js';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** A CLI verb: its arguments (after the verb) in, an exit code out. */
export type Verb = (argv: string[], io: CliIo) => Promise<number>;

/**
 * The exit codes of every verb, one name per code (README "CLI" says which verb gives which).
 * Scripts branch on these numbers, so they never change.
 */
export const exitCodes = {
  /** Done as asked. */
  ok: 0,
  /**
   * Not done, and stderr says why in one line: nothing recognised (lookup), an unknown domain, a
   * bad environment variable, a database, start-up or Slack failure.
   */
  failure: 1,
  /** Wrong arguments: stderr gives the problem and the verb's usage. */
  usage: 2,
  /**
   * import: the good rows are stored; some rows were rejected (listed on stderr, and in --rejects).
   * rejects --replay: what the adapters read now is stored; some payloads are still held.
   * postmaster pull: the other domains are stored; Postmaster Tools refused some (listed on stderr).
   */
  rowsRejected: 3,
  /** Nothing to change: the domain already has that status, the day's digest is already posted. */
  unchanged: 4,
  /** dns: a check failed (the findings say which and how to fix it). */
  checksFailed: 5,
} as const;

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Writes a message; control characters that came from input are escaped, never sent to the terminal raw. */
export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${printableLines(line)}\n`);
}
