import { normaliseDomain } from '../domain-name.js';

/** Printable ASCII without `@`: lower-casing it is the same in JavaScript and in Postgres. */
const localPart = /^[\x21-\x3f\x41-\x7e]+$/;

/**
 * An address already in stored form: a local part of printable ASCII without upper case, `@` or
 * `<` (so nothing to unwrap, trim or lower-case), one `@`, and a domain of the stored shape.
 */
const storedForm = /^[\x21-\x3b\x3d-\x3f\x5b-\x7e]+@[a-z0-9._-]+\.[a-z0-9-]+$/;
const bracketed = /<([^<>]*)>/;

/** `Ana <ANA@Exämple.com>` → `ana@xn--exmple-cua.com`; null when it is not an address. */
export function normaliseAddress(input: string): string | null {
  if (storedForm.test(input)) return input;
  const wrapped = bracketed.exec(input);
  const address = (wrapped ? wrapped[1]! : input).trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = normaliseDomain(address.slice(at + 1));
  return domain && localPart.test(local) ? `${local}@${domain}` : null;
}
