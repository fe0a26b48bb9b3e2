import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDir, readMigrations } from '../../src/store/migrate.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`migrations on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
  });
  afterAll(async () => store.close());

  it('applies every migration file once, in order, and records each', async () => {
    const files = await readMigrations();
    const first = await migrate(store.pool);
    expect(first).toEqual(files.map((file) => file.name));
    expect(await migrate(store.pool)).toEqual([]);
    const { rows } = await store.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(files.map((file) => file.version));
  });

  it('leaves the database as it was when a migration fails, naming the file and the error', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-desk-migrations-'));
    await fs.writeFile(path.join(dir, '001_good.sql'), 'CREATE TABLE fail_test_good (id int);');
    await fs.writeFile(path.join(dir, '002_bad.sql'), 'CREATE TABLE fail_test_half (id int);\nSELECT * FROM no_such_table;');
    const scratch = await openTestStore({ migrated: false });
    try {
      await expect(migrate(scratch.pool, dir)).rejects.toThrow(/002_bad\.sql failed: .*no_such_table/);
      const tables = await scratch.pool.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'fail_test_%' AND table_schema = current_schema()",
      );
      expect(tables.rows.map((row) => row.name)).toEqual(['fail_test_good']);
      const recorded = await scratch.pool.query('SELECT name FROM schema_migrations');
      expect(recorded.rows).toEqual([{ name: '001_good.sql' }]);
    } finally {
      await scratch.close();
      await fs.rm(dir, { recursive: true });
    }
  });

  it('keeps the sends rolled up before 035 renamed send_daily, and keeps rolling new ones up', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-desk-migrations-'));
    const scratch = await openTestStore({ migrated: false });
    try {
      for (const file of await readMigrations()) {
        if (file.version < 35) await fs.copyFile(path.join(migrationsDir, file.name), path.join(dir, file.name));
      }
      await migrate(scratch.pool, dir);
      await scratch.pool.query(
        "INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ('2026-11-27', 'a@kept.example', 40), ('2026-11-27', 'b@kept.example', 2)",
      );
      expect(await migrate(scratch.pool)).toEqual(['035_send_daily_rollup.sql']);
      const rollup = () => scratch.pool.query('SELECT day::text, sending_domain, sent::int, inboxes FROM send_daily_rollup ORDER BY 1, 2');
      expect((await rollup()).rows).toEqual([{ day: '2026-11-27', sending_domain: 'kept.example', sent: 42, inboxes: 2 }]);
      await scratch.pool.query("UPDATE daily_sends SET sent = 10 WHERE sending_inbox = 'a@kept.example'");
      await scratch.pool.query("DELETE FROM daily_sends WHERE sending_inbox = 'b@kept.example'");
      expect((await rollup()).rows).toEqual([{ day: '2026-11-27', sending_domain: 'kept.example', sent: 10, inboxes: 1 }]);
      await scratch.pool.query('TRUNCATE daily_sends');
      expect((await rollup()).rows).toEqual([]);
    } finally {
      await scratch.close();
      await fs.rm(dir, { recursive: true });
    }
  });
});
