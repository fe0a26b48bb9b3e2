import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

describe(`concurrent queries on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore({ migrated: false });
  });
  afterAll(async () => store.close());

  it('keeps each parameterised query whole when large parameters arrive in several TCP chunks', async () => {
    const big = 'x'.repeat(200_000);
    const queries = Array.from({ length: 40 }, (_, index) =>
      index % 2 === 0
        ? store.pool.query<{ n: number }>('SELECT length($1::text) + $2::int + $3::int AS n', [big, index, 1])
        : store.pool.query<{ n: number }>('SELECT $1::int AS n', [index]),
    );

    const answers = (await Promise.all(queries)).map((result) => Number(result.rows[0]?.n));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? big.length + index + 1 : index)));
  });
});
