import { describe, expect, it } from 'vitest';
import { randomFor, type Random } from '../../src/demo/random.js';
import { copyChunks } from '../../src/store/bounce-copy.js';
import type { BounceRecord } from '../../src/store/bounce-record.js';

/** COPY text as it was built before the byte writer: one escaped string per row, UTF-8 encoded. */
function referenceLine(r: BounceRecord): string {
  const text = (value: string) => value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
  const nullable = (value: string | null) => (value === null ? '\\N' : text(value));
  return (
    `${r.occurred_at.toISOString()}\t${text(r.sending_inbox)}\t${text(r.recipient)}\t${r.reply_code ?? '\\N'}\t` +
    `${nullable(r.enhanced_code)}\t${text(r.diagnostic)}\t${text(r.category)}\t${nullable(r.auth_check)}\t` +
    `${nullable(r.provider)}\t${nullable(r.smtp_stage ?? null)}\t${text(r.sequencer)}\t${nullable(r.campaign)}\t${nullable(r.external_id)}\t${r.sender_originated ? 't' : 'f'}\n`
  );
}

const plainPieces = ['a', 'Z', '0', ' ', '"', ',', '<', '@', '\u0000', '\u007f'];
const pieces = [...plainPieces, '\\', '\t', '\n', '\r', '\r\n', 'é', 'ß', '€', '日本', '😀', '\ud800', '\udfff', '\\N'];

/** Text of up to `maxLength` units; a third of it plain ASCII, which is copied the quick way. */
function text(random: Random, maxLength: number): string {
  const from = random.chance(0.33) ? plainPieces : pieces;
  let value = '';
  const length = random.int(0, maxLength);
  while (value.length < length) value += random.chance(0.6) ? 'x'.repeat(random.int(1, 12)) : random.pick(from);
  return value;
}

const nullable = (random: Random, maxLength: number) => (random.chance(0.3) ? null : text(random, maxLength));

/** Instants from before year 0 to after 9999 (toISOString's six-digit years), most of them ordinary. */
function instant(random: Random): Date {
  const ordinary = Date.UTC(2020, 0, 1) + Math.floor(random.next() * 10 * 365 * 86_400_000);
  const any = Math.floor((random.next() * 2 - 1) * 8.64e15);
  const edges = [0, -1, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_000, -62_167_219_200_001];
  return new Date(random.chance(0.7) ? ordinary : random.chance(0.5) ? any : random.pick(edges));
}

function record(random: Random, longText: boolean): BounceRecord {
  return {
    occurred_at: instant(random),
    sending_inbox: text(random, 40),
    recipient: text(random, 40),
    reply_code: random.chance(0.3) ? null : random.int(200, 599),
    enhanced_code: nullable(random, 8),
    diagnostic: longText ? text(random, 400).repeat(1_000) : text(random, 400),
    category: text(random, 20),
    auth_check: nullable(random, 10),
    provider: nullable(random, 10),
    smtp_stage: nullable(random, 12),
    sequencer: text(random, 12),
    campaign: nullable(random, 30),
    external_id: nullable(random, 30),
    ...(random.chance(0.5) ? { sender_originated: random.chance(0.5) } : {}),
  };
}

describe('copyChunks', () => {
  it('writes the bytes of the per-row strings, escapes, non-ASCII, lone surrogates and every year included', () => {
    const random = randomFor('bounce-copy');
    const records = Array.from({ length: 10_000 }, (_, i) => record(random, i % 2_500 === 1));
    const chunks = [...copyChunks(records)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(Buffer.from(records.map(referenceLine).join(''), 'utf8'))).toBe(true);
  });

  it('yields nothing for no records and refuses an invalid date as toISOString does', () => {
    expect([...copyChunks([])]).toEqual([]);
    const bad = { ...record(randomFor('bad'), false), occurred_at: new Date(NaN) };
    expect(() => [...copyChunks([bad])]).toThrow(RangeError);
  });
});
