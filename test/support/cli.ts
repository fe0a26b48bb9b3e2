import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { refusingDns } from './fake-dns.js';

export const binPath = fileURLToPath(new URL('../../bin/smtp-desk.js', import.meta.url));

/**
 * Node's arguments that run the CLI from its TypeScript sources (src/main.ts, the entry dist/main.js
 * is compiled from) through tsx: a stale or missing dist/ can never make a test pass or fail.
 * tsx is given by path, as the child's working directory need not be this package.
 */
export const cliEntry = [
  '--import',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
  fileURLToPath(new URL('../../src/main.ts', import.meta.url)),
];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The whole environment of the child (PATH, HOME and refusingDns are added); nothing leaks in from the test's own. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to stdin, which is then closed; without it stdin is empty (like `</dev/null`). */
  input?: string;
  timeoutMs?: number;
  /** Run the child as this user and group (a test run as root checking what a plain user meets). */
  user?: { uid: number; gid: number };
}

/** Runs `smtp-desk …` from its sources as a user would, and collects its exit code and output. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return runNode([...cliEntry, ...args], options);
}

/** Runs `node …args` with only the environment given, and collects its exit code and output. */
export function runNode(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? os.tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), ...refusingDns, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...options.user,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A temporary folder, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}
