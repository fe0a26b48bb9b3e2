import type { Queryable } from './store.js';

/** The value stored under `key` in app_meta, or null. */
export async function getMeta(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM app_meta WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

/** Stores `value` under `key` unless the key is already there; true when this call stored it. */
export async function setMetaOnce(db: Queryable, key: string, value: string): Promise<boolean> {
  const result = await db.query('INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
  return result.rowCount === 1;
}
