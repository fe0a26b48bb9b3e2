import type { BounceRecord } from './bounce-record.js';

/**
 * COPY text format (`\N` for null, backslash escapes for the characters that end a field or row)
 * of bounce records, written byte by byte into buffers of a few hundred kilobytes: joining
 * per-row strings and encoding them afterwards cost several times as much.
 */
export function* copyChunks(records: readonly BounceRecord[]): Generator<Buffer> {
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let at = 0;
  for (const record of records) {
    const most = maxLineBytes(record);
    if (at + most > buffer.length) {
      if (at > 0) yield buffer.subarray(0, at);
      buffer = Buffer.allocUnsafe(Math.max(chunkBytes, most));
      at = 0;
    }
    at = writeLine(buffer, at, record);
  }
  if (at > 0) yield buffer.subarray(0, at);
}

const chunkBytes = 256 * 1024;
const tab = 0x09;
const newline = 0x0a;
const backslash = 0x5c;

/** A UTF-16 unit takes at most 3 bytes of UTF-8, an escaped one 2; the rest is the fixed fields. */
function maxLineBytes(r: BounceRecord): number {
  const text =
    r.sending_inbox.length + r.recipient.length + r.diagnostic.length + r.category.length + r.sequencer.length +
    (r.enhanced_code?.length ?? 0) + (r.auth_check?.length ?? 0) + (r.provider?.length ?? 0) + (r.smtp_stage?.length ?? 0) +
    (r.campaign?.length ?? 0) + (r.external_id?.length ?? 0);
  return 3 * text + 64;
}

function writeLine(buffer: Buffer, start: number, r: BounceRecord): number {
  let at = writeInstant(buffer, start, r.occurred_at);
  buffer[at++] = tab;
  at = writeText(buffer, at, r.sending_inbox);
  buffer[at++] = tab;
  at = writeText(buffer, at, r.recipient);
  buffer[at++] = tab;
  at = r.reply_code === null ? writeNull(buffer, at) : at + buffer.write(String(r.reply_code), at, 'latin1');
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.enhanced_code);
  buffer[at++] = tab;
  at = writeText(buffer, at, r.diagnostic);
  buffer[at++] = tab;
  at = writeText(buffer, at, r.category);
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.auth_check);
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.provider);
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.smtp_stage ?? null);
  buffer[at++] = tab;
  at = writeText(buffer, at, r.sequencer);
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.campaign);
  buffer[at++] = tab;
  at = writeNullable(buffer, at, r.external_id);
  buffer[at++] = tab;
  buffer[at++] = r.sender_originated ? 0x74 : 0x66; // t, f
  buffer[at++] = newline;
  return at;
}

function writeNull(buffer: Buffer, at: number): number {
  buffer[at] = backslash;
  buffer[at + 1] = 0x4e; // N
  return at + 2;
}

function writeNullable(buffer: Buffer, at: number, value: string | null): number {
  return value === null ? writeNull(buffer, at) : writeText(buffer, at, value);
}

const plainLength = 24;
const needsCare = /[\\\t\n\r\u0080-\uffff]/;

/**
 * Longer ASCII text without escapes is copied in one Buffer#write; shorter text unit by unit,
 * escaping on the way; from the first non-ASCII character on, UTF-8 through Buffer#write.
 */
function writeText(buffer: Buffer, start: number, value: string): number {
  if (value.length >= plainLength && !needsCare.test(value)) return start + buffer.write(value, start, 'latin1');
  let at = start;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) return at + buffer.write(escapeText(value.slice(i)), at, 'utf8');
    if (c === backslash || c === tab || c === newline || c === 0x0d) {
      buffer[at++] = backslash;
      buffer[at++] = c === backslash ? backslash : c === tab ? 0x74 : c === newline ? 0x6e : 0x72;
    } else {
      buffer[at++] = c;
    }
  }
  return at;
}

const escaped = /[\\\t\n\r]/g;
const escapes: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (value: string) => value.replace(escaped, (c) => escapes[c]!);

/** `Date#toISOString` for years 0 to 9999, without building the string. */
function writeInstant(buffer: Buffer, at: number, date: Date): number {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return at + buffer.write(date.toISOString(), at, 'latin1');
  at = writeDigits(buffer, at, year, 4);
  buffer[at++] = 0x2d; // -
  at = writeDigits(buffer, at, date.getUTCMonth() + 1, 2);
  buffer[at++] = 0x2d;
  at = writeDigits(buffer, at, date.getUTCDate(), 2);
  buffer[at++] = 0x54; // T
  at = writeDigits(buffer, at, date.getUTCHours(), 2);
  buffer[at++] = 0x3a; // :
  at = writeDigits(buffer, at, date.getUTCMinutes(), 2);
  buffer[at++] = 0x3a;
  at = writeDigits(buffer, at, date.getUTCSeconds(), 2);
  buffer[at++] = 0x2e; // .
  at = writeDigits(buffer, at, date.getUTCMilliseconds(), 3);
  buffer[at++] = 0x5a; // Z
  return at;
}

function writeDigits(buffer: Buffer, at: number, value: number, width: number): number {
  for (let i = width - 1; i >= 0; i--) {
    buffer[at + i] = 0x30 + (value % 10);
    value = Math.floor(value / 10);
  }
  return at + width;
}
