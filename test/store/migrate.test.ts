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
      expect((await migrate(scratch.pool))[0]).toBe('035_send_daily_rollup.sql');
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

  it('counts the code-less bounces stored before 050 as bounces, and keeps deferrals and other days as they were', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-desk-migrations-'));
    const scratch = await openTestStore({ migrated: false });
    try {
      for (const file of await readMigrations()) {
        if (file.version < 50) await fs.copyFile(path.join(migrationsDir, file.name), path.join(dir, file.name));
      }
      await migrate(scratch.pool, dir);
      await scratch.pool.query(`INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, sequencer)
        VALUES ('2026-11-27T10:00:00Z', 'a@old.example', 'x@gmail.com', NULL, NULL, '', 'unknown', 'instantly'),
               ('2026-11-27T11:00:00Z', 'a@old.example', 'y@acme.example', NULL, NULL, 'user unknown', 'invalid_recipient', 'lemlist'),
               ('2026-11-27T12:00:00Z', 'a@old.example', 'z@gmail.com', 421, '4.7.0', '421 4.7.0 try again later', 'rate_limited', 'generic'),
               ('2026-11-26T12:00:00Z', 'a@old.example', 'z@gmail.com', 550, '5.1.1', '550 5.1.1 no such user', 'invalid_recipient', 'generic')`);
      const days = () =>
        scratch.pool.query(`SELECT b.day::text, b.events, b.bounces, b.deferrals, b.invalid, b.min_bounce_recipient, b.max_bounce_recipient, r.bounce_recipient_domains
          FROM bounce_daily b CROSS JOIN LATERAL bounce_recipient_domain_counts(b.day, ARRAY[b.sending_domain]) r ORDER BY 1`);
      expect((await days()).rows.map((row) => row.bounces)).toEqual([1, 0]);
      expect((await migrate(scratch.pool))[0]).toBe('050_codeless_bounces_count.sql');
      expect((await days()).rows).toEqual([
        { day: '2026-11-26', events: 1, bounces: 1, deferrals: 0, invalid: 1, min_bounce_recipient: 'z@gmail.com', max_bounce_recipient: 'z@gmail.com', bounce_recipient_domains: 1 },
        { day: '2026-11-27', events: 3, bounces: 2, deferrals: 1, invalid: 1, min_bounce_recipient: 'x@gmail.com', max_bounce_recipient: 'y@acme.example', bounce_recipient_domains: 2 },
      ]);
      const hourly = await scratch.pool.query("SELECT sum(events)::int AS events, sum(deferrals)::int AS deferrals, sum(throttled)::int AS throttled FROM bounce_hourly");
      expect(hourly.rows).toEqual([{ events: 4, deferrals: 1, throttled: 1 }]);
    } finally {
      await scratch.close();
      await fs.rm(dir, { recursive: true });
    }
  });
});
