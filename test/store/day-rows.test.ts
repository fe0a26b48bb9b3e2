// The digest's per-domain numbers come from the rollups only; here they must equal what the
// definitions in docs/health-rules.md give when computed directly from the raw rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultThresholds, judgeDomain, type DomainDayNumbers, type DomainDayStats } from '../../src/health/index.js';
import type { BounceRecord } from '../../src/store/bounce-record.js';
import { insertBounces } from '../../src/store/bounces.js';
import { upsertComplaints, type ComplaintRecord } from '../../src/store/complaints.js';
import { domainDayStats } from '../../src/store/domain-day-stats.js';
import { fleetDays } from '../../src/store/fleet-day-scan.js';
import { changeDomainStatus, upsertDomains } from '../../src/store/fleet.js';
import { upsertSends, type SendRecord } from '../../src/store/sends.js';
import { randomFor } from '../../src/demo/random.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';


const replies = [
  { reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient', auth_check: null },
  { reply_code: 554, enhanced_code: '5.7.1', category: 'spam_content', auth_check: null },
  { reply_code: 554, enhanced_code: '5.4.1', category: 'relay_denied', auth_check: null },
  { reply_code: 550, enhanced_code: '5.7.1', category: 'reputation', auth_check: null },
  { reply_code: 550, enhanced_code: '5.7.26', category: 'authentication', auth_check: 'multiple' },
  { reply_code: 550, enhanced_code: '5.7.27', category: 'authentication', auth_check: 'spf' },
  { reply_code: 550, enhanced_code: '5.7.30', category: 'authentication', auth_check: 'dkim' },
  { reply_code: 550, enhanced_code: '5.7.1', category: 'authentication', auth_check: 'dmarc' },
  { reply_code: 550, enhanced_code: '5.7.25', category: 'authentication', auth_check: 'ptr' },
  { reply_code: 421, enhanced_code: '4.7.0', category: 'rate_limited', auth_check: null },
  { reply_code: 451, enhanced_code: '4.7.1', category: 'greylisted', auth_check: null },
  { reply_code: 452, enhanced_code: '4.2.2', category: 'rate_limited', auth_check: null },
  { reply_code: null, enhanced_code: '5.2.2', category: 'mailbox_full', auth_check: null },
  { reply_code: 250, enhanced_code: '2.0.0', category: 'delivered', auth_check: null },
] as const;

const days = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
const judgedDays = ['2026-11-24', '2026-11-26', '2026-11-27'];
const domains = ['one.example', 'two.example', 'three.example', 'four.example', 'young.example', 'quiet.example', 'idle.example'];
const hour = 3_600_000;

function event(at: number, inbox: string, recipient: string, reply: (typeof replies)[number], id: string): BounceRecord {
  return {
    occurred_at: new Date(at),
    sending_inbox: inbox,
    recipient,
    ...reply,
    diagnostic: `${reply.reply_code ?? ''} ${reply.enhanced_code ?? ''} ${id}`,
    provider: null,
    sequencer: 'generic',
    campaign: null,
    external_id: id,
  };
}

/** A seeded fleet plus crafted stories: a throttling streak across idle hours, one broken by a clean hour, one address bounced all day. */
function fleet(): { events: BounceRecord[]; sends: SendRecord[]; complaints: ComplaintRecord[] } {
  const r = randomFor('domain-stats', 7);
  const events: BounceRecord[] = [];
  const sends: SendRecord[] = [];
  const complaints: ComplaintRecord[] = [];
  for (const domain of ['one.example', 'two.example', 'three.example']) {
    for (const day of days) {
      for (const inbox of ['ana', 'bo']) {
        if (r.next() < 0.85) sends.push({ day, sending_inbox: `${inbox}@${domain}`, sent: Math.floor(r.next() * 120) });
      }
      const start = Date.parse(`${day}T00:00:00Z`);
      const count = Math.floor(r.next() * 25);
      for (let i = 0; i < count; i++) {
        events.push(
          event(
            start + Math.floor(r.next() * 24 * hour),
            `${r.pick(['ana', 'bo'])}@${domain}`,
            `${r.pick(['a', 'b', 'c'])}${Math.floor(r.next() * 3)}@${r.pick(['gmail.com', 'outlook.com', 'acme.example', 'initech.example'])}`,
            r.pick(replies),
            `${domain}-${day}-${i}`,
          ),
        );
      }
      if (r.next() < 0.3) complaints.push({ day, sending_domain: domain, complaints: Math.floor(r.next() * 4), spam_rate: r.next() < 0.5 ? Number((r.next() / 100).toFixed(6)) : null });
    }
  }
  // four.example: throttled every active hour from 2026-11-25 20:00 on, nights idle, one clean hour before.
  const throttle = replies.find((reply) => reply.reply_code === 421)!;
  const delivered = replies.find((reply) => reply.reply_code === 250)!;
  const invalid = replies.find((reply) => reply.category === 'invalid_recipient')!;
  events.push(event(Date.parse('2026-11-25T19:10:00Z'), 'cy@four.example', 'x@gmail.com', delivered, 'four-clean'));
  for (const at of ['2026-11-25T20:05:00Z', '2026-11-25T21:30:00Z', '2026-11-26T09:00:00Z', '2026-11-26T17:59:00Z', '2026-11-27T08:15:00Z', '2026-11-27T22:40:00Z']) {
    events.push(event(Date.parse(at), 'cy@four.example', 'x@gmail.com', throttle, `four-${at}`));
  }
  for (const day of days) sends.push({ day, sending_inbox: `cy@four.example`, sent: 80 });
  // young.example: first seen on 2026-11-24, the same address bounces over and over on the 27th.
  for (const day of ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']) sends.push({ day, sending_inbox: 'dee@young.example', sent: 30 });
  for (let i = 0; i < 4; i++) events.push(event(Date.parse('2026-11-27T10:00:00Z') + i * 60_000, 'dee@young.example', 'gone@acme.example', invalid, `young-${i}`));
  // idle.example: throttled twice on the 26th, then silent: on the 27th its streak still runs (3 hours).
  for (const at of ['2026-11-26T10:20:00Z', '2026-11-26T12:05:00Z']) events.push(event(Date.parse(at), 'eve@idle.example', 'x@outlook.com', throttle, `idle-${at}`));
  sends.push({ day: '2026-11-26', sending_inbox: 'eve@idle.example', sent: 40 });
  // A day with bounces but no sends: its trend entry is null.
  events.push(event(Date.parse('2026-11-22T12:00:00Z'), 'dee@young.example', 'gone@acme.example', invalid, 'young-nosend'));
  return { events, sends, complaints };
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** An event without any code is a bounce (docs/ingest.md). */
const replyClass = (e: BounceRecord) => Number(String(e.reply_code ?? e.enhanced_code ?? '5')[0]);

/** docs/health-rules.md's definitions, applied to the raw rows. */
function expected(
  rows: ReturnType<typeof fleet>,
  domain: string,
  status: DomainDayStats['status'],
  createdDay: string,
  day: string,
): DomainDayStats {
  const mine = rows.events.filter((e) => e.sending_inbox.endsWith(`@${domain}`));
  const onDay = (d: string) => mine.filter((e) => dayOf(e.occurred_at) === d);
  const sentOn = (d: string) => rows.sends.filter((s) => s.day === d && s.sending_inbox.endsWith(`@${domain}`)).reduce((sum, s) => sum + s.sent, 0);
  const hasRow = (d: string) => onDay(d).length > 0 || rows.sends.some((s) => s.day === d && s.sending_inbox.endsWith(`@${domain}`));
  const bounces = onDay(day).filter((e) => replyClass(e) === 5);
  const reputation = bounces.filter((e) => e.category === 'reputation' || e.category === 'spam_content');
  const distinct = (values: string[]) => new Set(values).size;
  const recipientDomain = (e: BounceRecord) => e.recipient.split('@')[1]!;
  const c554 = (d: string) => onDay(d).filter((e) => e.reply_code === 554).length;
  const history = Array.from({ length: 7 }, (_, i) => addDays(day, i - 7));
  const firstData = [...history, day].find(hasRow);
  const first = [createdDay, firstData].filter((d): d is string => d !== undefined).sort()[0]!;
  const complaint = rows.complaints.findLast((c) => c.day === day && c.sending_domain === domain);
  const auth = (check: string) => bounces.filter((e) => e.auth_check === check).length;

  // persistent_421: hours of the 7 days up to the end of the day; the streak after the last clean hour.
  const end = Date.parse(`${addDays(day, 1)}T00:00:00Z`);
  let lastClean: number | null = null;
  const throttledHours: number[] = [];
  for (let h = end - 7 * 24 * hour; h < end; h += hour) {
    const events = mine.filter((e) => e.occurred_at.getTime() >= h && e.occurred_at.getTime() < h + hour);
    if (events.length === 0) continue;
    const throttled = events.some((e) => replyClass(e) === 4 && (e.reply_code === 421 || e.category === 'rate_limited'));
    if (throttled) throttledHours.push(h);
    else lastClean = h;
  }
  const streak = throttledHours.filter((h) => lastClean === null || h > lastClean);
  const sent = sentOn(day);
  return {
    domain,
    day,
    status,
    sent,
    bounces: bounces.length,
    deferrals: onDay(day).filter((e) => replyClass(e) === 4).length,
    invalid: bounces.filter((e) => e.category === 'invalid_recipient').length,
    complaints: complaint?.complaints ?? null,
    reported_spam_rate: complaint?.spam_rate ?? null,
    reputation_blocks: reputation.length,
    reputation_recipient_domains: distinct(reputation.map(recipientDomain)),
    c554: c554(day),
    c554_trailing: history.filter((d) => d >= first).map(c554),
    auth_failures: { spf: auth('spf'), dkim: auth('dkim'), dmarc: auth('dmarc'), ptr: auth('ptr'), multiple: auth('multiple') },
    throttled_hours: streak.length === 0 ? 0 : (streak.at(-1)! - streak[0]!) / hour + 1,
    bounce_recipients: Math.min(2, distinct(bounces.map((e) => e.recipient))),
    bounce_recipient_domains: distinct(bounces.map(recipientDomain)),
    bounce_rate_trend: [...history, day].map((d) => {
      const s = sentOn(d);
      const b = onDay(d).filter((e) => replyClass(e) === 5).length;
      // Fewer sends than bounces: sends are missing, no rate (missing_sends).
      return s > 0 && b <= s ? b / s : null;
    }),
  };
}

describe(`domain day stats from the rollups (${databaseLabel})`, () => {
  let store: TestStore;
  const rows = fleet();
  let createdDay: string;

  beforeAll(async () => {
    store = await openTestStore();
    await upsertDomains(store.pool, [{ domain: 'quiet.example' }, { domain: 'parked.example', status: 'reserved' }]);
    // Loaded in several statements, as imports arrive, so the rollups add up across batches.
    for (let i = 0; i < rows.events.length; i += 97) await insertBounces(store.pool, rows.events.slice(i, i + 97));
    await upsertSends(store.pool, rows.sends);
    await upsertComplaints(store.pool, rows.complaints);
    await changeDomainStatus(store.pool, { domain: 'three.example', to: 'pulled', actor: 'U0ABC', source: 'cli', reason: 'bounces' });
    const { rows: created } = await store.pool.query<{ day: string }>("SELECT (min(created_at) AT TIME ZONE 'UTC')::date::text AS day FROM sending_domains");
    createdDay = created[0]!.day;
  });
  afterAll(() => store.close());

  const withoutHistory = ({ c554_trailing: _trailing, bounce_rate_trend: _trend, ...day }: DomainDayStats): DomainDayNumbers => day;

  it.each(judgedDays)('every active domain on %s equals the definitions over the raw rows, and so do the totals', async (day) => {
    const { totals, days: listed } = await fleetDays(store.pool, day, defaultThresholds, true);
    const active = domains.filter((domain) => domain !== 'three.example').sort();
    expect(listed.map((s) => s.domain).sort()).toEqual(active);
    const wanted = active.map((domain) => expected(rows, domain, 'active', createdDay, day));
    for (const want of wanted) {
      const got = listed.find((s) => s.domain === want.domain)!;
      // The history is read where a rule may fire; the full listing leaves it out elsewhere.
      expect(got, want.domain).toEqual(got.bounce_rate_trend === undefined ? withoutHistory(want) : want);
      expect(await domainDayStats(store.pool, want.domain, day), want.domain).toEqual(want);
    }
    expect(totals).toEqual({
      domains_checked: active.length,
      sent: wanted.reduce((sum, s) => sum + s.sent, 0),
      bounces: wanted.reduce((sum, s) => sum + s.bounces, 0),
    });
  });

  it.each(judgedDays)('on %s, the digest reads every domain a rule flags, with its history, and the same totals', async (day) => {
    const all = await fleetDays(store.pool, day, defaultThresholds, true);
    const some = await fleetDays(store.pool, day, defaultThresholds);
    expect(some.totals).toEqual(all.totals);
    const flagged = all.days.filter((s) => judgeDomain(s, defaultThresholds).verdict !== 'healthy').map((s) => s.domain);
    expect(flagged.length).toBeGreaterThan(0);
    expect(some.days.map((s) => s.domain)).toEqual(expect.arrayContaining(flagged));
    expect(some.days.length).toBeLessThan(all.days.length);
    for (const stats of some.days) expect(stats).toEqual(expected(rows, stats.domain, 'active', createdDay, day));
  });

  it('the crafted stories come out as told', async () => {
    const stats = (domain: string) => domainDayStats(store.pool, domain, '2026-11-27');
    // 2026-11-25 20:00 to 2026-11-27 22:59, idle nights included: 51 hours.
    expect((await stats('four.example'))!.throttled_hours).toBe(51);
    expect((await stats('idle.example'))!.throttled_hours).toBe(3);
    const young = (await stats('young.example'))!;
    expect(young).toMatchObject({ bounces: 4, bounce_recipients: 1, bounce_recipient_domains: 1, invalid: 4 });
    expect(young.c554_trailing).toHaveLength(5);
    expect(young.bounce_rate_trend.slice(0, 4)).toEqual([null, null, null, null]);
    const quiet = (await stats('quiet.example'))!;
    expect(quiet).toMatchObject({ sent: 0, bounces: 0, throttled_hours: 0, complaints: null, bounce_rate_trend: Array(8).fill(null) });
  });

  it('a single domain reads the same for any status, and null for an unknown domain', async () => {
    for (const day of judgedDays) {
      expect(await domainDayStats(store.pool, 'three.example', day)).toEqual(expected(rows, 'three.example', 'pulled', createdDay, day));
    }
    expect(await domainDayStats(store.pool, 'nowhere.example', '2026-11-27')).toBeNull();
  });
});
