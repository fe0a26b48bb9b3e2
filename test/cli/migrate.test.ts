import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/store/migrate.js';
import { runCli, tempDir } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`smtp-desk migrate on ${databaseLabel}`, () => {
  let store: TestStore;
  let cwd: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
    cwd = await tempDir('smtp-desk-migrate');
  });
  afterAll(async () => {
    await store.close();
    await cwd.remove();
  });

  it('applies each migration once when two processes start at the same time', async () => {
    const env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error' };
    const runs = await Promise.all([runCli(['migrate'], { env, cwd: cwd.dir }), runCli(['migrate'], { env, cwd: cwd.dir })]);

    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const files = (await readMigrations()).map((migration) => migration.name);
    const appliedByEach = runs.map((run) => {
      const match = /^applied \d+ migration\(s\): (.+)$/m.exec(run.stdout);
      if (match) return match[1]!.split(', ');
      expect(run.stdout.trim()).toBe('database is up to date');
      return [];
    });
    expect(appliedByEach.flat().sort()).toEqual([...files].sort());
    const { rows } = await store.pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.name)).toEqual(files);
  });

  it('says the database is up to date when nothing is pending', async () => {
    const run = await runCli(['migrate'], { env: childDatabaseEnv(store), cwd: cwd.dir });
    expect(run).toMatchObject({ code: 0, stdout: 'database is up to date\n', stderr: '' });
  });

  it('rejects arguments with exit code 2', async () => {
    const run = await runCli(['migrate', '--force'], { env: childDatabaseEnv(store), cwd: cwd.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage: smtp-desk migrate/);
  });
});
