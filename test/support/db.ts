import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../../src/store/migrate.js';
import { openStore, type Store } from '../../src/store/store.js';

/** Where database tests run: the embedded database by default, a server when TEST_DATABASE_URL is set. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const databaseLabel = testDatabaseUrl ? 'server Postgres' : 'embedded PGlite';

export interface TestStore extends Store {
  /** The schema this test file owns on the server (undefined on the embedded database). */
  schema: string | undefined;
}

/**
 * A migrated store of this test file's own: a fresh in-memory embedded database, or a schema of its
 * own on TEST_DATABASE_URL (dropped on close), so files never see each other's rows.
 */
export async function openTestStore(options: { migrated?: boolean } = {}): Promise<TestStore> {
  const schema = testDatabaseUrl ? `test_${randomBytes(6).toString('hex')}` : undefined;
  if (testDatabaseUrl && schema) {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
  }
  const store = await openStore({ databaseUrl: testDatabaseUrl, dataDir: undefined, schema });
  if (options.migrated !== false) await migrate(store.pool);
  return {
    ...store,
    schema,
    async close() {
      await store.close();
      if (testDatabaseUrl && schema) {
        const admin = new pg.Client({ connectionString: testDatabaseUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    },
  };
}

/** The connection URL a child process (the CLI) should use to reach this store's schema. */
export function childDatabaseEnv(store: TestStore): { DATABASE_URL: string } {
  const url = new URL(store.connectionString);
  if (store.schema) url.searchParams.set('options', `-c search_path=${store.schema}`);
  return { DATABASE_URL: url.toString() };
}
