import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAdapter } from '../../src/ingest/adapters/index.js';
import { importRecords } from '../../src/ingest/import.js';
import type { SourceRecord } from '../../src/ingest/records.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

async function* records(rows: readonly Record<string, string>[]): AsyncGenerator<SourceRecord[]> {
  for (const [i, data] of rows.entries()) yield [{ line: i + 2, raw: Object.values(data), data }];
}

describe(`importRecords on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('counts every row once across batches written side by side, duplicates in reverse order included', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      occurred_at: new Date(Date.parse('2026-11-27T00:00:00Z') + i * 60_000).toISOString(),
      sending_inbox: `s${i % 5}@side-by-side.example`,
      recipient: `r${i}@gmail.com`,
      reply_code: i % 3 === 0 ? '421' : '550',
      enhanced_code: '',
      diagnostic: i % 3 === 0 ? '421 4.7.0 Try again later' : '550 5.1.1 No such user',
      external_id: i % 2 === 0 ? `e${i}` : '',
    }));
    const counts = await importRecords({
      db: store.pool,
      adapter: findAdapter('bounces', 'generic')!,
      source: { header: Object.keys(rows[0]!), records: records([...rows, ...[...rows].reverse()]) },
      batchRows: 50,
    });
    expect(counts).toEqual({ read: 2000, inserted: 1000, replaced: 0, duplicates: 1000, conflicts: 0, ignored: 0, rejected: 0 });
    const { rows: daily } = await store.pool.query("SELECT sum(events)::int AS events, sum(deferrals)::int AS deferrals FROM bounce_daily WHERE sending_domain = 'side-by-side.example'");
    expect(daily).toEqual([{ events: 1000, deferrals: 334 }]);
  });
});
