import type { Random } from './random.js';

const syllables = [
  'al', 'bar', 'bel', 'cor', 'da', 'del', 'en', 'fen', 'gal', 'har', 'is', 'jor', 'kal', 'lan', 'lo', 'mar',
  'mer', 'nor', 'ny', 'or', 'pel', 'quin', 'ra', 'ren', 'sol', 'sta', 'tal', 'tor', 'ul', 'val', 'ver', 'wyn',
  'xa', 'yor', 'zen', 'bri', 'cla', 'dro', 'fra', 'gri', 'kro', 'lu', 'mo', 'ni', 'pra', 'sku', 'tri', 'vo',
] as const;
const prefixes = ['get', 'try', 'hello', 'meet', 'with', 'go', 'join', 'use', ''] as const;
const suffixes = ['', 'hq', 'mail', 'team', 'app'] as const;
const sendingTlds = ['com', 'io', 'co', 'net'] as const;

/** How many distinct sending domain names there are: the most `--domains` can ask for. */
export const sendingNameSpace = prefixes.length * syllables.length ** 2 * suffixes.length * sendingTlds.length;

/** Multipliers coprime with sendingNameSpace (2^10 · 3^4 · 5), so each one shuffles the names bijectively. */
const multipliers = [104_729, 130_363, 156_007, 179_999, 224_737, 256_019, 299_993, 350_377] as const;

/**
 * The sending domain of fleet position `index` for `seed`, in the style cold-email teams register
 * (get-/try- prefixes, short brand, -hq/-mail suffixes). A bijection of the index, so names never repeat.
 */
export function sendingDomainName(seed: number, index: number): string {
  const multiplier = multipliers[seed % multipliers.length]!;
  let x = (index * multiplier + seed * 7_919) % sendingNameSpace;
  const digit = (base: number) => {
    const value = x % base;
    x = Math.floor(x / base);
    return value;
  };
  const tld = sendingTlds[digit(sendingTlds.length)]!;
  const suffix = suffixes[digit(suffixes.length)]!;
  const second = syllables[digit(syllables.length)]!;
  const first = syllables[digit(syllables.length)]!;
  const prefix = prefixes[digit(prefixes.length)]!;
  return `${prefix}${first}${second}${suffix}.${tld}`;
}

export const firstNames = [
  'ana', 'ben', 'carla', 'dan', 'elena', 'finn', 'grace', 'hugo', 'ines', 'jack', 'kate', 'leo', 'maya', 'noah',
  'olivia', 'paul', 'quinn', 'rosa', 'sam', 'tara', 'uma', 'victor', 'wendy', 'xavier', 'yara', 'zoe', 'adam',
  'bella', 'chris', 'diana', 'ethan', 'fiona', 'george', 'hannah', 'ivan', 'julia', 'kevin', 'laura', 'mark',
  'nina', 'oscar', 'priya', 'ryan', 'sofia', 'tom', 'vera', 'will', 'amir', 'chloe', 'david', 'emma', 'frank',
] as const;
export const lastNames = [
  'lopez', 'miller', 'novak', 'smith', 'garcia', 'khan', 'schmidt', 'rossi', 'dubois', 'kowalski', 'nguyen',
  'silva', 'jensen', 'murphy', 'walsh', 'patel', 'cohen', 'berg', 'fischer', 'moreau', 'costa', 'larsen',
] as const;

/** `count` distinct sender addresses for `domain` (count ≤ firstNames.length), in one naming pattern. */
export function inboxAddresses(random: Random, domain: string, count: number): string[] {
  const names = [...firstNames];
  const pattern = random.int(0, 2);
  const addresses: string[] = [];
  for (let i = 0; i < count; i++) {
    const j = random.int(i, names.length - 1);
    [names[i], names[j]] = [names[j]!, names[i]!];
    const first = names[i]!;
    const last = random.pick(lastNames);
    const local = pattern === 0 ? first : pattern === 1 ? `${first}.${last}` : `${first}.${last[0]}`;
    addresses.push(`${local}@${domain}`);
  }
  return addresses;
}

const companyWords = [
  'logistics', 'dental', 'capital', 'labs', 'group', 'partners', 'systems', 'health', 'realty', 'foods', 'legal',
  'freight', 'energy', 'clinic', 'studio', 'works', 'analytics', 'security', 'robotics', 'finance',
] as const;
const companyTlds = ['com', 'com', 'com', 'io', 'co', 'de', 'co.uk', 'net'] as const;

/** A prospect's company domain, e.g. `velmor-logistics.com`. */
export function companyDomain(random: Random): string {
  return `${random.pick(syllables)}${random.pick(syllables)}${random.pick(syllables)}-${random.pick(companyWords)}.${random.pick(companyTlds)}`;
}

/** A prospect's address at `domain`. */
export function prospectAddress(random: Random, domain: string): string {
  const first = random.pick(firstNames);
  const last = random.pick(lastNames);
  return `${random.chance(0.7) ? `${first}.${last}` : `${first[0]}${last}`}@${domain}`;
}
