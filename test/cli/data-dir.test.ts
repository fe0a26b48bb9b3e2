// The embedded database's folder as a user meets it: one smtp-desk at a time (a pid lock that a
// stray pid of another program does not hold).
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, runCli, runNode, tempDir } from '../support/cli.js';

/** The first start of a data folder runs initdb: tens of seconds on a busy machine. */
const firstStartMs = 120_000;

describe('the data folder lock', () => {
  let home: { dir: string; remove: () => Promise<void> };
  let dataDir: string;
  beforeAll(async () => {
    home = await tempDir('smtp-desk-lock');
    dataDir = path.join(home.dir, 'data');
  });
  afterAll(async () => home.remove());

  it('is taken over from a live process that is not smtp-desk', async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    // pid 1 is alive, and is not smtp-desk.
    fs.writeFileSync(path.join(dataDir, 'smtp-desk.pid'), '1');
    const run = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: dataDir }, timeoutMs: firstStartMs });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'smtp-desk.pid'))).toBe(false);
  }, firstStartMs);

  it('keeps the embedded database private to its user: the folder 0700, every file in it 0600', async () => {
    const fresh = path.join(home.dir, 'private');
    const run = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: fresh }, timeoutMs: firstStartMs });
    expect(run.code, run.stderr).toBe(0);

    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
    const open = fs
      .readdirSync(fresh, { recursive: true, encoding: 'utf8' })
      .map((entry) => path.join(fresh, entry))
      .filter((entry) => (fs.statSync(entry).mode & 0o077) !== 0);
    expect(open).toEqual([]);
  }, firstStartMs);

  it('stops at a password file that is not the one smtp-desk wrote, with one line saying what to do', async () => {
    const edited = path.join(home.dir, 'edited');
    fs.mkdirSync(edited, { mode: 0o700 });
    fs.writeFileSync(path.join(edited, 'pgpass'), '*:*:*:postgres:hunter2\n', { mode: 0o600 });
    const run = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: edited } });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `smtp-desk: the embedded database's password file ${path.join(edited, 'pgpass')} is not one smtp-desk wrote; delete it and the next start makes a new one\n`,
    );
  });

  it('says in one line when it cannot make the private folder for the database socket, and leaves the data folder unlocked', async () => {
    const notAFolder = path.join(home.dir, 'tmp-file');
    fs.writeFileSync(notAFolder, '');
    const unlocked = path.join(home.dir, 'unlocked');
    // The compiled CLI: tsx itself keeps its cache in TMPDIR.
    const run = await runNode([binPath, 'migrate'], { env: { SMTP_DESK_DATA_DIR: unlocked, TMPDIR: notAFolder } });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`smtp-desk: cannot make a private folder for the embedded database's socket in ${notAFolder} (TMPDIR): part of the path is a file, not a folder\n`);
    expect(fs.existsSync(path.join(unlocked, 'smtp-desk.pid'))).toBe(false);
  });

  it('still keeps out a second smtp-desk while one runs, and tells how psql gets into its database', async () => {
    const first = spawn(process.execPath, [binPath, 'serve'], {
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SMTP_DESK_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    first.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    const exited = new Promise<number | null>((resolve) => first.on('close', resolve));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toContain('smtp-desk is running locally');
      const psqlLine = /^The embedded database takes psql while this runs: (PGPASSFILE=\S+ psql -h 127\.0\.0\.1 -p \d+ -U postgres postgres)$/m.exec(stdout);
      expect(psqlLine?.[1]).toContain(`PGPASSFILE=${path.join(dataDir, 'pgpass')} `);
      expect(await shell(`${psqlLine![1]} -w -tAc 'SELECT 6 * 7'`)).toEqual({ stdout: '42\n', stderr: '' });
      const second = await runCli(['migrate'], { env: { SMTP_DESK_DATA_DIR: dataDir } });

      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `smtp-desk: the embedded database in ${dataDir} is in use by another smtp-desk (pid ${first.pid}); stop it or set SMTP_DESK_DATA_DIR\n`,
      );
    } finally {
      first.stdin.end();
      expect(await exited).toBe(0);
    }
  }, firstStartMs);
});

/** Runs a command line the way a user pastes it into a shell (without the test's environment). */
function shell(line: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 30_000 }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });
}
