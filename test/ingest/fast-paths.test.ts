// The importer's fast paths give what the general code gives, over many generated inputs.
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { randomFor, type Random } from '../../src/demo/random.js';
import { parseInstant } from '../../src/ingest/instant.js';
import { normaliseAddress } from '../../src/ingest/normalise.js';

/** normaliseAddress as it was before its fast path. */
function referenceAddress(input: string): string | null {
  const bracketed = /<([^<>]*)>/.exec(input);
  const address = (bracketed ? bracketed[1]! : input).trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const trimmed = address.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  const domain = /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  return /^[a-z0-9._-]+\.[a-z0-9-]+$/.test(domain) && /^[\x21-\x3f\x41-\x7e]+$/.test(local) ? `${local}@${domain}` : null;
}

/** parseInstant as it was before its fast path. */
function referenceInstant(text: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
  return iso.test(text) ? Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')) : NaN;
}

/** Mostly well-formed text with one or two characters changed, so both paths are taken often. */
function mutate(random: Random, text: string, alphabet: string): string {
  let result = text;
  for (let n = random.int(0, 2); n > 0; n--) {
    const at = random.int(0, result.length);
    const c = alphabet[random.int(0, alphabet.length - 1)]!;
    const how = random.int(0, 2);
    result = result.slice(0, at) + (how === 2 ? '' : c) + result.slice(how === 0 ? at : at + 1);
  }
  return result;
}

const addressAlphabet = 'aZ09.@<>_-+ \t!~"\\:;,[]éÄ日\u0000';
const localParts = ['lead0', 'a.b+c', 'ANA', 'o\'neil', 'x', '"q"', 'a<b', 'tab\t', 'é'];
const domains = ['company7.example', 'exämple.com', 'EXAMPLE.COM', 'a.b', 'x-y.co.uk', 'nodot', 'trail.example.', 'under_score.io', '日本.jp', '1.2.3.4'];

const instantAlphabet = '0123456789-:.TtZz +';

function instantText(random: Random): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const ms = Math.floor((random.next() * 2 - 0.5) * 1e13);
  const iso = new Date(ms).toISOString();
  const plain = `${pad(random.int(0, 9999), 4)}-${pad(random.int(0, 13), 2)}-${pad(random.int(0, 32), 2)}T${pad(random.int(0, 24), 2)}:${pad(random.int(0, 60), 2)}:${pad(random.int(0, 60), 2)}`;
  const fraction = random.pick(['', '.5', '.123', '.1234', '.999']);
  const zone = random.pick(['Z', 'Z', 'z', '+02:00', '-0530', '+01']);
  return random.chance(0.4) ? iso : random.chance(0.5) ? plain + fraction + zone : mutate(random, iso, instantAlphabet);
}

describe('fast paths', () => {
  it('normaliseAddress: stored-form addresses are returned as the general code returns them', () => {
    const random = randomFor('address fast path');
    for (let i = 0; i < 100_000; i++) {
      const address = `${random.pick(localParts)}${random.chance(0.5) ? i : ''}@${random.pick(domains)}`;
      const input = random.chance(0.3) ? address : mutate(random, random.chance(0.2) ? `Ana <${address}>` : address, addressAlphabet);
      const got = normaliseAddress(input);
      const want = referenceAddress(input);
      if (got !== want) expect({ input, got }).toEqual({ input, got: want });
    }
  });

  it('parseInstant: YYYY-MM-DDTHH:MM:SS[.mmm]Z read by hand equals Date.parse, invalid days and times included', () => {
    const random = randomFor('instant fast path');
    for (let i = 0; i < 100_000; i++) {
      const text = instantText(random);
      const got = parseInstant(text);
      const want = referenceInstant(text);
      if (!Object.is(got, want)) expect({ text, got }).toEqual({ text, got: want });
    }
    for (const text of ['2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z']) {
      expect(Object.is(parseInstant(text), referenceInstant(text))).toBe(true);
    }
  });
});
