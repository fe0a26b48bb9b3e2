import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { UserFacingError } from '../errors.js';

// dist/store/ mirrors src/store/, so compiled or not this is the package's own migrations/.
export const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Any fixed number: every smtp-desk process takes this advisory lock for each migration step. */
const migrationLockKey = 0x736d7470;
const migrationFile = /^(\d+)_[\w-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((name) => migrationFile.test(name));
  const migrations = await Promise.all(
    names.map(async (name) => ({
      version: Number(migrationFile.exec(name)![1]),
      name,
      sql: await fs.readFile(path.join(dir, name), 'utf8'),
    })),
  );
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new UserFacingError(`two migrations share version ${migrations[i]!.version}: ${migrations[i - 1]!.name} and ${migrations[i]!.name}`);
    }
  }
  return migrations;
}

export class MigrationError extends UserFacingError {}

/**
 * Applies pending migrations in order, each in its own transaction that first takes a
 * transaction-level advisory lock and then checks whether the migration is still pending, so
 * processes starting together never apply a file twice. (A session-level lock is not enough: on
 * the embedded database every connection shares PGlite's one session, so such a lock never blocks;
 * its socket server does keep each transaction's statements together.) Returns the names applied
 * by this call.
 */
export async function migrate(pool: pg.Pool, dir = migrationsDir): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await inLockedTransaction(client, async () => {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    });
    for (const migration of migrations) {
      const done = await inLockedTransaction(client, async () => {
        const pending = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
        if (pending.rowCount) return false;
        try {
          await client.query(migration.sql);
        } catch (error) {
          throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
        }
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        return true;
      });
      if (done) applied.push(migration.name);
    }
  } finally {
    client.release();
  }
  return applied;
}

async function inLockedTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
