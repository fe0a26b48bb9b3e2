import tools from 'mailauth/lib/tools.js';
import { dnsError, finding, type Finding } from './findings.js';
import { describeDnsError, type Resolver } from './resolver.js';

export const dkimMinimumBits = 1024;
export const dkimRecommendedBits = 2048;

type Probe =
  | { kind: 'key'; name: string; record: string; bits: number | undefined }
  | { kind: 'missing'; name: string; why: string | null; record: string | null }
  | { kind: 'revoked'; name: string; record: string }
  | { kind: 'error'; name: string; reason: string };

const notThere = new Set(['ENOTFOUND', 'ENODATA']);
const isRevoked = (record: string) => /(?:^|;)\s*p=\s*(?:;|$)/i.test(record);

/** mailauth reads and checks the key (node:crypto gives its size); its errors become status objects here. */
async function probe(resolve: Resolver, selector: string, domain: string): Promise<Probe> {
  const name = `${selector}._domainkey.${domain}`;
  try {
    const key = await tools.getPublicKey('DKIM', name, 1, (query, rrtype) => resolve(query, rrtype));
    return { kind: 'key', name, record: key.rr, bits: key.modulusLength };
  } catch (error) {
    const { code, rr, message } = error as { code?: string; rr?: string; message?: string };
    if (code !== undefined && notThere.has(code)) return { kind: 'missing', name, why: null, record: null };
    if (rr !== undefined) {
      if (isRevoked(rr)) return { kind: 'revoked', name, record: rr };
      return { kind: 'missing', name, why: `its record is not a usable DKIM key (${message ?? code})`, record: rr };
    }
    if (code === 'EINVALIDVAL') return { kind: 'missing', name, why: null, record: null };
    return { kind: 'error', name, reason: describeDnsError(error) };
  }
}

function keyFinding(found: Extract<Probe, { kind: 'key' }>): Finding {
  const record = `${found.name}: ${found.record}`;
  if (found.bits === undefined) return finding('dkim_ok', `DKIM key at ${found.name}: Ed25519`, record);
  if (found.bits < dkimMinimumBits) {
    return finding('dkim_key_too_short', `the DKIM key at ${found.name} is ${found.bits} bits: receivers ignore RSA keys under ${dkimMinimumBits} bits, so DKIM fails`, record, `Generate a ${dkimRecommendedBits}-bit key at your mail provider, publish it under a new selector, switch signing to it, then remove this one.`);
  }
  if (found.bits < dkimRecommendedBits) {
    return finding('dkim_key_weak', `the DKIM key at ${found.name} is ${found.bits} bits: it works, but ${dkimRecommendedBits} bits is the current recommendation`, record, `Rotate to a ${dkimRecommendedBits}-bit key under a new selector when you next touch DNS.`);
  }
  return finding('dkim_ok', `DKIM key at ${found.name}: RSA ${found.bits} bits`, record);
}

function probeFinding(result: Exclude<Probe, { kind: 'key' }>): Finding {
  switch (result.kind) {
    case 'revoked':
      return finding('dkim_revoked', `the DKIM record at ${result.name} has an empty p=: the key is revoked, so mail signed with it fails DKIM`, `${result.name}: ${result.record}`, 'Publish the current public key at this selector (from your mail provider\'s DKIM settings), or sign with a selector that has one.');
    case 'missing':
      return finding('dkim_missing', `no DKIM key at ${result.name}${result.why ? `: ${result.why}` : ''}`, result.record && `${result.name}: ${result.record}`, 'Turn on DKIM signing at your mail provider and publish the TXT (or CNAME) record it gives you at this selector.');
    case 'error':
      return dnsError(`DKIM could not be checked at ${result.name}: ${result.reason}`, `${result.name} TXT`);
  }
}

/** Selectors probed together first; the rest are asked only when none of these holds a key. */
const firstWave = 3;

/**
 * DKIM for `domain`. Named selectors (`required`) must each hold a good key. Otherwise the selectors
 * are tried in order (the first three at once: Google and Microsoft in the default list, which most
 * sending domains use; the rest only when those have no key), and the domain needs a key at one of
 * them: the others are expected to be empty.
 */
export async function checkDkim(resolve: Resolver, domain: string, selectors: readonly string[], required: boolean): Promise<Finding[]> {
  const probeAll = (names: readonly string[]) => Promise.all(names.map((selector) => probe(resolve, selector, domain)));
  let probes = await probeAll(required ? selectors : selectors.slice(0, firstWave));
  if (!required && !probes.some((result) => result.kind === 'key')) probes = [...probes, ...(await probeAll(selectors.slice(firstWave)))];
  const keys = probes.filter((result) => result.kind === 'key');
  const others = probes.filter((result) => result.kind !== 'key');
  if (required) return [...keys.map(keyFinding), ...others.map(probeFinding)];
  if (keys.length > 0) return keys.map(keyFinding);
  const telling = others.filter((result) => result.kind !== 'missing' || result.why !== null);
  if (telling.length > 0) return telling.map(probeFinding);
  return [
    finding(
      'dkim_missing',
      `no DKIM key at any of the ${selectors.length} selectors tried (${selectors.join(', ')}): receivers see unsigned mail, and DMARC then rests on SPF alone`,
      null,
      'Turn on DKIM signing at your mail provider and publish the record it gives you; if you sign with another selector, check it with --selector (or add it to DKIM_SELECTORS).',
    ),
  ];
}
