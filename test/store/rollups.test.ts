import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BounceRecord } from '../../src/store/bounce-record.js';
import { insertBounces } from '../../src/store/bounces.js';
import { upsertComplaints } from '../../src/store/complaints.js';
import { upsertSends } from '../../src/store/sends.js';
import { randomFor } from '../../src/demo/random.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';


const replies = [
  { reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient', auth_check: null },
  { reply_code: 554, enhanced_code: '5.7.1', category: 'spam_content', auth_check: null },
  { reply_code: 550, enhanced_code: '5.7.1', category: 'reputation', auth_check: null },
  { reply_code: 550, enhanced_code: '5.7.26', category: 'authentication', auth_check: 'multiple' },
  { reply_code: 550, enhanced_code: '5.7.27', category: 'authentication', auth_check: 'spf' },
  { reply_code: 550, enhanced_code: '5.7.25', category: 'authentication', auth_check: 'ptr' },
  { reply_code: 421, enhanced_code: '4.7.0', category: 'rate_limited', auth_check: null },
  { reply_code: 451, enhanced_code: '4.7.1', category: 'greylisted', auth_check: null },
  { reply_code: 421, enhanced_code: '4.3.0', category: 'server_error', auth_check: null },
  { reply_code: null, enhanced_code: '5.2.2', category: 'mailbox_full', auth_check: null },
  { reply_code: null, enhanced_code: null, category: 'unknown', auth_check: null },
  { reply_code: 250, enhanced_code: '2.0.0', category: 'delivered', auth_check: null },
] as const;

function events(seed: number, count: number): BounceRecord[] {
  const r = randomFor('rollups', seed);
  const start = Date.parse('2026-11-25T20:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const reply = r.pick(replies);
    return {
      occurred_at: new Date(start + Math.floor(r.next() * 3 * 86_400_000)),
      sending_inbox: `${r.pick(['ana', 'bo', 'cy'])}@${r.pick(['one.example', 'two.example', 'three.example'])}`,
      recipient: `${r.pick(['a', 'b', 'c', 'd'])}${Math.floor(r.next() * 5)}@${r.pick(['gmail.com', 'outlook.com', 'acme.example', 'initech.example'])}`,
      ...reply,
      diagnostic: `${reply.reply_code ?? ''} ${reply.enhanced_code ?? ''} event ${seed}-${i}`,
      provider: null,
      sequencer: r.pick(['generic', 'smartlead']),
      campaign: null,
      external_id: r.next() < 0.5 ? `ev-${seed}-${i}` : null,
    };
  });
}

/**
 * The rollups as a GROUP BY over the raw rows, written independently of the triggers. An event without
 * any code is a bounce (a sequencer reports a bounce once it has given up).
 */
const expectedSql = {
  bounce_daily: `SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, sending_domain,
      count(*)::int AS events,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5')::int AS bounces,
      count(*) FILTER (WHERE left(coalesce(reply_code::text, enhanced_code), 1) = '4')::int AS deferrals,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND category = 'invalid_recipient')::int AS invalid,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND category IN ('reputation', 'spam_content'))::int AS reputation_blocks,
      count(*) FILTER (WHERE reply_code = 554)::int AS c554,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND category = 'authentication')::int AS auth_failures,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND auth_check = 'spf')::int AS auth_spf,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND auth_check = 'dkim')::int AS auth_dkim,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND auth_check = 'dmarc')::int AS auth_dmarc,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND auth_check = 'ptr')::int AS auth_ptr,
      count(*) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5' AND auth_check = 'multiple')::int AS auth_multiple,
      min(recipient) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5') AS min_bounce_recipient,
      max(recipient) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5') AS max_bounce_recipient,
      max(date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS last_event_hour
    FROM bounce_events GROUP BY 1, 2 ORDER BY 1, 2`,
  bounce_recipient_domain_counts: `SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, sending_domain,
      count(DISTINCT split_part(recipient, '@', 2)) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5')::int AS bounce_recipient_domains,
      count(DISTINCT split_part(recipient, '@', 2)) FILTER (WHERE coalesce(left(coalesce(reply_code::text, enhanced_code), 1), '5') = '5'
        AND category IN ('reputation', 'spam_content'))::int AS reputation_recipient_domains
    FROM bounce_events GROUP BY 1, 2 ORDER BY 1, 2`,
  bounce_hourly: `SELECT date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, sending_domain,
      count(*)::int AS events,
      count(*) FILTER (WHERE left(coalesce(reply_code::text, enhanced_code), 1) = '4')::int AS deferrals,
      count(*) FILTER (WHERE left(coalesce(reply_code::text, enhanced_code), 1) = '4' AND (reply_code = 421 OR category = 'rate_limited'))::int AS throttled,
      count(*) FILTER (WHERE left(coalesce(reply_code::text, enhanced_code), 1) = '4' AND category = 'greylisted')::int AS greylisted
    FROM bounce_events GROUP BY 1, 2 ORDER BY 1, 2`,
  send_daily_rollup: `SELECT day, split_part(sending_inbox, '@', 2) AS sending_domain, sum(sent)::bigint AS sent, count(*)::int AS inboxes
    FROM daily_sends GROUP BY 1, 2 ORDER BY 1, 2`,
} as const;

/** What the database keeps (or counts on demand, for the recipient domains), in the order of expectedSql. */
const actualSql: Record<keyof typeof expectedSql, string> = {
  bounce_daily: 'SELECT * FROM bounce_daily ORDER BY day, sending_domain',
  bounce_recipient_domain_counts: `SELECT d.day, c.* FROM (SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date AS day FROM bounce_events) d
    CROSS JOIN bounce_recipient_domain_counts(d.day, NULL) c ORDER BY 1, 2`,
  bounce_hourly: 'SELECT * FROM bounce_hourly ORDER BY hour, sending_domain',
  send_daily_rollup: 'SELECT * FROM send_daily_rollup ORDER BY day, sending_domain',
};

describe(`rollups on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  async function expectRollupsMatchRawRows() {
    for (const [table, sql] of Object.entries(expectedSql) as [keyof typeof expectedSql, string][]) {
      const expected = await store.pool.query(sql);
      const actual = await store.pool.query(actualSql[table]);
      expect(actual.rows, table).toEqual(expected.rows);
    }
  }

  it('equal a GROUP BY over the raw rows after batch imports, re-imports, plain SQL, updates and deletes', async () => {
    const first = events(1, 1500);
    expect(await insertBounces(store.pool, first)).toBe(1500);
    expect(await insertBounces(store.pool, [...first.slice(0, 700), ...events(2, 800)])).toBe(800);
    expect(await insertBounces(store.pool, first)).toBe(0);
    await expectRollupsMatchRawRows();

    // A team's own pipeline, in plain SQL.
    await store.pool.query(`INSERT INTO bounce_events (occurred_at, sending_inbox, recipient, reply_code, enhanced_code, diagnostic, category, auth_check)
      VALUES ('2026-11-26T23:59:59.999Z', 'ana@one.example', 'z@gmail.com', 550, '5.7.30', 'dkim', 'authentication', 'dkim'),
             ('2026-11-27T00:00:00Z', 'new@four.example', 'z@gmail.com', 554, NULL, 'blocked', 'reputation', NULL),
             ('2026-11-27T00:00:00Z', 'new@four.example', 'z@gmail.com', 554, NULL, 'blocked', 'reputation', NULL)
      ON CONFLICT DO NOTHING`);
    await store.pool.query("UPDATE bounce_events SET occurred_at = occurred_at + interval '20 hours', category = 'reputation' WHERE id % 7 = 0");
    await store.pool.query('DELETE FROM bounce_events WHERE id % 11 = 0');
    await store.pool.query("DELETE FROM bounce_events WHERE sending_domain = 'three.example' AND occurred_at < '2026-11-26T00:00:00Z'");

    await upsertSends(store.pool, [
      { day: '2026-11-26', sending_inbox: 'ana@one.example', sent: 20 },
      { day: '2026-11-26', sending_inbox: 'bo@one.example', sent: 18 },
      { day: '2026-11-27', sending_inbox: 'ana@one.example', sent: 5 },
    ]);
    expect(await upsertSends(store.pool, [{ day: '2026-11-26', sending_inbox: 'ana@one.example', sent: 22 }, { day: '2026-11-26', sending_inbox: 'bo@one.example', sent: 18 }])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
    });
    await store.pool.query("INSERT INTO daily_sends (day, sending_inbox, sent) VALUES ('2026-11-26', 'x@five.example', 3)");
    await store.pool.query("UPDATE daily_sends SET sending_inbox = 'x@one.example' WHERE sending_inbox = 'x@five.example'");
    await store.pool.query("DELETE FROM daily_sends WHERE day = '2026-11-27'");
    await expectRollupsMatchRawRows();

    const { rows } = await store.pool.query('SELECT domain FROM sending_domains ORDER BY domain');
    expect(rows.map((row) => row.domain)).toEqual(['five.example', 'four.example', 'one.example', 'three.example', 'two.example']);

    await store.pool.query('TRUNCATE bounce_events, daily_sends');
    await expectRollupsMatchRawRows();
  });

  it('keep one row for one bounced address (min = max) and tell a second one apart', async () => {
    const base = events(3, 1)[0]!;
    const bounce = { ...base, ...replies[0], occurred_at: new Date('2026-11-20T10:00:00Z'), sending_inbox: 'ana@solo.example', external_id: null };
    await insertBounces(store.pool, [bounce, { ...bounce, diagnostic: 'again', occurred_at: new Date('2026-11-20T11:00:00Z') }]);
    const one = await store.pool.query("SELECT min_bounce_recipient = max_bounce_recipient AS single FROM bounce_daily WHERE sending_domain = 'solo.example'");
    expect(one.rows).toEqual([{ single: true }]);
    await insertBounces(store.pool, [{ ...bounce, recipient: 'other@gmail.com', diagnostic: 'third' }]);
    const two = await store.pool.query("SELECT min_bounce_recipient = max_bounce_recipient AS single FROM bounce_daily WHERE sending_domain = 'solo.example'");
    expect(two.rows).toEqual([{ single: false }]);
  });

  it('stay right for a load run under another search_path', async () => {
    const schema = store.schema ?? 'public';
    const client = await store.pool.connect();
    try {
      await client.query('SET search_path TO pg_catalog');
      await client.query(
        `INSERT INTO ${schema}.bounce_events (occurred_at, sending_inbox, recipient, reply_code, category) VALUES ('2026-11-21T08:00:00Z', 'ana@elsewhere.example', 'x@gmail.com', 421, 'rate_limited')`,
      );
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
    const { rows } = await store.pool.query("SELECT deferrals, throttled FROM bounce_hourly WHERE sending_domain = 'elsewhere.example'");
    expect(rows).toEqual([{ deferrals: 1, throttled: 1 }]);
  });

  it('merge complaint counts and reported rates per domain and day', async () => {
    expect(await upsertComplaints(store.pool, [{ day: '2026-11-27', sending_domain: 'one.example', complaints: 2, spam_rate: null }])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await upsertComplaints(store.pool, [{ day: '2026-11-27', sending_domain: 'one.example', complaints: null, spam_rate: 0.0041 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await upsertComplaints(store.pool, [{ day: '2026-11-27', sending_domain: 'one.example', complaints: null, spam_rate: 0.0041 }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const { rows } = await store.pool.query('SELECT complaints, spam_rate::float8 AS spam_rate FROM daily_complaints');
    expect(rows).toEqual([{ complaints: 2, spam_rate: 0.0041 }]);
  });
});
