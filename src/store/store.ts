import pg from 'pg';
import type { Config } from '../config.js';
import { startEmbeddedServer } from './embedded.js';

/** Anything that runs a query: the pool, or one checked-out client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

export interface Store {
  pool: pg.Pool;
  /** Whether the rows live in the embedded database folder or on a Postgres server. */
  kind: 'embedded' | 'server';
  /** How another process reaches the same database (the embedded one is served on loopback, password included). */
  connectionString: string;
  /** The embedded database's pgpass file, for psql (undefined on a server, or for an in-memory database). */
  passwordFile: string | undefined;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Postgres connection URL; without one an embedded database is started. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** Schema to put first on the search path (tests give each file its own). */
  schema?: string | undefined;
  maxConnections?: number;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedServer(options.dataDir);
  const connectionString = options.databaseUrl ?? embedded!.connectionString;
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A dropped idle connection (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    pool,
    kind: embedded ? 'embedded' : 'server',
    connectionString,
    passwordFile: embedded?.passwordFile,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

export function storeOptionsFrom(config: Config): StoreOptions {
  return { databaseUrl: config.DATABASE_URL, dataDir: config.dataDir };
}
