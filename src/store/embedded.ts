import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { UserFacingError } from '../errors.js';
import { systemReasons } from '../faults.js';
import { embeddedPassword, embeddedUser, newPassword, passwordFileIn } from './embedded-password.js';
import { startPasswordGate } from './password-gate.js';

export interface EmbeddedServer {
  /** The URL `pg` connects with, password included. */
  connectionString: string;
  /** The pgpass file holding the password (undefined for an in-memory database, whose password is never written). */
  passwordFile: string | undefined;
  stop(): Promise<void>;
}

const lockFileName = 'smtp-desk.pid';

/**
 * Starts PGlite on `dataDir` (or in memory when dataDir is undefined) and serves it to `pg` over
 * loopback, behind a password. PGlite is one Postgres session: the socket server queues statements
 * from all connections and keeps an open transaction's statements together. It has no
 * authentication, so it listens on a Unix socket in a folder only this user may enter (0700), and
 * the loopback port is a gate that asks for the password (SCRAM-SHA-256) before passing bytes on.
 */
export async function startEmbeddedServer(dataDir: string | undefined): Promise<EmbeddedServer> {
  const releaseLock = dataDir ? usingDataDir(dataDir, () => lockDataDir(dataDir)) : () => undefined;
  let socketDir: string | undefined;
  try {
    socketDir = privateSocketDir();
    const password = dataDir ? usingDataDir(dataDir, () => embeddedPassword(dataDir)) : newPassword();
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    if (dataDir) ownerOnly(dataDir);
    const socketPath = path.join(socketDir, '.s.PGSQL.5432');
    const server = new PGLiteSocketServer({ db: keepingMessageSequencesTogether(db), path: socketPath, maxConnections: 64 });
    await server.start();
    const gate = await startPasswordGate(password, socketPath);
    return {
      connectionString: `postgres://${embeddedUser}:${password}@${gate.address}/postgres`,
      passwordFile: dataDir ? passwordFileIn(dataDir) : undefined,
      async stop() {
        await gate.stop();
        await server.stop();
        await db.close();
        fs.rmSync(path.dirname(socketPath), { recursive: true, force: true });
        if (dataDir) ownerOnly(dataDir);
        // The folder stays locked until this process has ended: work still finishing here (a Slack
        // call being retried) must not overlap with another smtp-desk opening the folder.
        process.once('exit', releaseLock);
      },
    };
  } catch (error) {
    if (socketDir) fs.rmSync(socketDir, { recursive: true, force: true });
    releaseLock();
    throw error;
  }
}

/** Frontend messages that open or continue an extended-query sequence, which Sync ('S') ends. */
const sequenceMessages = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((type) => type.charCodeAt(0)));

/**
 * The socket server runs one protocol message at a time from any connection, and keeps one
 * connection's messages together only while PGlite is inside a transaction. An extended query
 * (Parse, Bind, Describe, Execute … Sync) whose messages arrive in more than one TCP chunk (large
 * parameters) could then have another connection's Parse run between its Parse and its Bind,
 * replacing the unnamed statement: "bind message supplies 12 parameters, but prepared statement
 * requires 4". Reporting such a sequence as "in a transaction" until its Sync makes the server
 * keep it together too.
 */
function keepingMessageSequencesTogether(db: PGlite): PGlite {
  let midSequence = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => midSequence || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          midSequence = sequenceMessages.has(message[0] ?? 0);
          return target.execProtocolRawStream(message, options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * PGlite creates its files world-readable and writable (0666) whatever the umask: the folder and
 * everything in it are made the user's own (folders 0700, files 0600), as Postgres keeps its own.
 */
function ownerOnly(dataDir: string): void {
  for (const entry of fs.readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    const entryPath = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) fs.chmodSync(entryPath, 0o700);
    else if (entry.isFile()) fs.chmodSync(entryPath, 0o600);
  }
}

/** A new folder only this user may enter (mkdtemp makes it 0700) for PGlite's Unix socket. */
function privateSocketDir(): string {
  const parent = os.tmpdir();
  try {
    return fs.mkdtempSync(path.join(parent, 'smtp-desk-'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : systemReasons[code];
    if (reason === undefined) throw error;
    throw new UserFacingError(`cannot make a private folder for the embedded database's socket in ${parent} (TMPDIR): ${reason}`);
  }
}

/** Runs `prepare` on the data folder; a file-system error becomes one line naming the folder. */
function usingDataDir<T>(dataDir: string, prepare: () => T): T {
  try {
    return prepare();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === undefined ? undefined : systemReasons[code];
    if (reason === undefined) throw error;
    throw new UserFacingError(`cannot use the data folder ${dataDir} (SMTP_DESK_DATA_DIR): ${reason}`);
  }
}

/**
 * Two processes writing one PGlite folder would corrupt it, so the folder holds a lock file: the
 * holder's pid and, on Linux, its start time, so a pid reused by another program does not hold it.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const lockFile = path.join(dataDir, lockFileName);
  const started = startTimeOf(process.pid);
  for (;;) {
    try {
      fs.writeFileSync(lockFile, started === undefined ? String(process.pid) : `${process.pid} ${started}`, { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pid, start] = fs.readFileSync(lockFile, 'utf8').trim().split(' ');
      const holder = Number(pid);
      if (Number.isInteger(holder) && holder !== process.pid && holdsLock(holder, start)) {
        throw new UserFacingError(
          `the embedded database in ${dataDir} is in use by another smtp-desk (pid ${holder}); stop it or set SMTP_DESK_DATA_DIR`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
}

/** Whether the live process `pid` is the smtp-desk that wrote the lock (started at `start`). */
function holdsLock(pid: number, start: string | undefined): boolean {
  if (!isRunning(pid)) return false;
  const startedAt = startTimeOf(pid);
  if (startedAt === undefined) return true;
  if (start !== undefined) return start === startedAt;
  // A lock written without a start time: the holder must at least be smtp-desk.
  return readProc(pid, 'cmdline')?.includes('smtp-desk') ?? true;
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), where /proc exists. */
function startTimeOf(pid: number): string | undefined {
  const stat = readProc(pid, 'stat');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
