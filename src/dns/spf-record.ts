import net from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
export const mechanismNames = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type MechanismName = (typeof mechanismNames)[number];

export type SpfTerm =
  | { kind: 'mechanism'; text: string; qualifier: Qualifier; name: MechanismName; target: string | null }
  | { kind: 'modifier'; text: string; name: string; value: string };

export interface ParsedSpf {
  terms: SpfTerm[];
  /** What is malformed, one phrase each; receivers return permerror for any of them. */
  errors: string[];
}

/** Mechanisms that cost one of the 10 DNS lookups (RFC 7208 §4.6.4); the redirect modifier does too. */
export const lookupMechanisms: ReadonlySet<MechanismName> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

export const isSpfRecord = (text: string): boolean => /^v=spf1(?:\s|$)/i.test(text.trim());

const macro = /%(?:\{[slodiphcrtv]\d*r?[.\-+,/_=]*\}|[%_-])/gi;
export const hasMacro = (spec: string): boolean => spec.includes('%');
const domainName = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i;

/** A domain-spec: a domain name, or a macro string whose macros are well-formed. */
function domainSpecError(spec: string): string | null {
  if (spec === '') return 'an empty domain';
  if (hasMacro(spec)) return spec.replace(macro, '').includes('%') ? `a malformed macro in "${spec}"` : null;
  return domainName.test(spec) ? null : `"${spec}" is not a domain name`;
}

function cidrError(cidr: string, family: 'a' | 'ip4' | 'ip6'): string | null {
  const match = /^(?:\/(\d{1,3}))?(?:\/\/(\d{1,3}))?$/.exec(cidr);
  if (!match || (family !== 'a' && match[2] !== undefined)) return `a malformed prefix length "${cidr}"`;
  const v4 = match[1] === undefined ? undefined : Number(match[1]);
  const v6 = match[2] === undefined ? undefined : Number(match[2]);
  const v4Limit = family === 'ip6' ? 128 : 32;
  if ((v4 !== undefined && v4 > v4Limit) || (v6 !== undefined && v6 > 128)) return `a prefix length out of range "${cidr}"`;
  return null;
}

function mechanismError(name: MechanismName, target: string | null, cidr: string): string | null {
  switch (name) {
    case 'all':
      return target !== null || cidr !== '' ? 'all takes no value' : null;
    case 'include':
    case 'exists':
      if (target === null) return `${name} needs a domain (${name}:example.com)`;
      return cidr !== '' ? `${name} takes no prefix length` : domainSpecError(target);
    case 'a':
    case 'mx':
      return (target === null ? null : domainSpecError(target)) ?? cidrError(cidr, 'a');
    case 'ptr':
      return cidr !== '' ? 'ptr takes no prefix length' : target === null ? null : domainSpecError(target);
    case 'ip4':
      if (target === null || !net.isIPv4(target)) return `ip4 needs an IPv4 address, not "${target ?? ''}"`;
      return cidrError(cidr, 'ip4');
    case 'ip6':
      if (target === null || !net.isIPv6(target)) return `ip6 needs an IPv6 address, not "${target ?? ''}"`;
      return cidrError(cidr, 'ip6');
  }
}

/** Splits a `v=spf1 …` record into terms and says what is malformed (RFC 7208 §4.6, §12). */
export function parseSpf(record: string): ParsedSpf {
  const errors: string[] = [];
  const terms: SpfTerm[] = [];
  if (/[^\x20-\x7e]/.test(record)) errors.push('characters outside printable ASCII');
  const [version, ...words] = record.trim().split(/\s+/);
  if (version?.toLowerCase() !== 'v=spf1') errors.push(`it starts with "${version ?? ''}" instead of v=spf1`);
  const seenModifiers = new Set<string>();
  for (const text of words) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(text);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) errors.push(`${name}= appears more than once`);
      seenModifiers.add(name);
      if (name === 'redirect' || name === 'exp') {
        const problem = domainSpecError(value);
        if (problem) errors.push(`${name}= has ${problem}`);
      }
      terms.push({ kind: 'modifier', text, name, value });
      continue;
    }
    const mechanism = /^([+\-~?]?)([a-z0-9]+)(?::([^/]*))?((?:\/.*)?)$/i.exec(text);
    const name = mechanism?.[2]?.toLowerCase();
    if (!mechanism || !name || !(mechanismNames as readonly string[]).includes(name)) {
      errors.push(`unknown term "${text}"`);
      continue;
    }
    const target = mechanism[3] ?? null;
    const problem = mechanismError(name as MechanismName, target, mechanism[4] ?? '');
    if (problem) errors.push(`"${text}": ${problem}`);
    terms.push({ kind: 'mechanism', text, qualifier: (mechanism[1] || '+') as Qualifier, name: name as MechanismName, target });
  }
  return { terms, errors };
}
