import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { UserFacingError } from '../errors.js';

export interface EmbeddedServer {
  connectionString: string;
  stop(): Promise<void>;
}

const lockFileName = 'smtp-desk.pid';

/**
 * Starts PGlite on `dataDir` (or in memory when dataDir is undefined) and serves it to `pg` over
 * loopback. PGlite is one Postgres session: the socket server queues statements from all
 * connections and keeps an open transaction's statements together.
 */
export async function startEmbeddedServer(dataDir: string | undefined): Promise<EmbeddedServer> {
  const releaseLock = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const db = await PGlite.create(dataDir ? { dataDir } : {});
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    return {
      connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** Two processes writing one PGlite folder would corrupt it, so the folder holds a pid lock. */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, lockFileName);
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new UserFacingError(
          `the embedded database in ${dataDir} is in use by another smtp-desk (pid ${holder}); stop it or set SMTP_DESK_DATA_DIR`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
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
