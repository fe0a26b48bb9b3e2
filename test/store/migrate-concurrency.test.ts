import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`concurrent migrations on ${databaseLabel}`, () => {
  let store: TestStore;
  let dir: string;
  const names = ['001_one.sql', '002_two.sql', '003_three.sql', '004_four.sql'];
  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-desk-migrations-'));
    for (const [index, name] of names.entries()) {
      await fs.writeFile(path.join(dir, name), `CREATE TABLE concurrency_${index} (id int);\nSELECT pg_sleep(0.05);`);
    }
  });
  afterAll(async () => {
    await store.close();
    await fs.rm(dir, { recursive: true });
  });

  it('applies every file exactly once when two connections migrate at the same time', async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: childDatabaseEnv(store).DATABASE_URL }));
    try {
      const results = await Promise.all(pools.map((pool) => migrate(pool, dir)));
      expect(results.flat().sort()).toEqual(names);
      const { rows } = await store.pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.name)).toEqual(names);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
