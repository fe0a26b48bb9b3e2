// A seeded generator of random and hostile inputs, shared by the property test and the benchmark.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const maxInputLength = 40 * 1024;

const fragments = [
  '550', '5.7.26', '550-5.7.26', '421 4.7.0', '#550 5.1.1', 'smtp;', 'Diagnostic-Code:', 'Status:', ' ', ' ', '\n', '\r\n', '\t',
  '-', '.', ',', ';', ':', '|', '<', '>', '&amp;', '&lt;', '&gt;', '<mailto:a@b.com|a@b.com>', '<http://x|x>', '<https://', 'gsmtp',
  'S3150', 'AS761', 'TSS04', '[PH01]', 'HME1', 'spamhaus', 'blocked using ', 'protection.outlook.com', 'yahoo', 'icloud.com',
  'spf', 'dkim', 'dmarc', 'ptr', 'relay access denied', 'user unknown', 'over quota', 'submission quota', '192.0.2.1',
  '2026-11-28 12:00:01', '25000000 bytes', 'v5.2.1', 'ü', 'é', '😀', '\u0000', '\u0007', '\u001b[31m', '\u202e', '\ufeff', '\ud800',
  '\udfff', '*', '_', '~', '`', '```', '@here', '<!channel>', '<@U123>', '"', "'", '\\', '%s', '${x}', 'a', 'Z', '9', '0',
] as const;

type Maker = (random: () => number, length: number) => string;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const repeatTo = (unit: string, length: number): string => unit.repeat(Math.max(1, Math.ceil(length / unit.length))).slice(0, length);

/** Shapes of input, each given a target length. */
const makers: readonly Maker[] = [
  (random, length) => {
    let text = '';
    while (text.length < length) text += pick(random, fragments);
    return text;
  },
  (random, length) => {
    let text = '';
    for (let index = 0; index < length; index++) text += String.fromCharCode(Math.floor(random() * 0x10000));
    return text;
  },
  (random, length) => {
    let text = '';
    for (let index = 0; index < length; index++) text += String.fromCharCode(32 + Math.floor(random() * 95));
    return text;
  },
  (_random, length) => repeatTo('5.5.5.5.', length),
  (_random, length) => repeatTo('550-550-', length),
  (_random, length) => `${repeatTo('a', Math.max(0, length - 1))}!`,
  (_random, length) => repeatTo('<', length),
  (_random, length) => repeatTo('&amp;', length),
  (_random, length) => repeatTo('<mailto:', length),
  (_random, length) => repeatTo('<http://x|', length),
  (_random, length) => repeatTo('spf ', length),
  (_random, length) => repeatTo('blocked ', length),
  (_random, length) => repeatTo('1.2.3.', length),
  (_random, length) => `550 ${repeatTo(' ', length)}5.7.26`,
  (_random, length) => repeatTo('550 5.7.26 gsmtp ', length),
  (_random, length) => repeatTo('\n', length),
];

/** Mostly short inputs (as people type them), some medium, about 1 in 50 up to 40 KB. */
function lengthFor(random: () => number): number {
  const roll = random();
  if (roll < 0.8) return Math.floor(random() * 200);
  if (roll < 0.98) return 200 + Math.floor(random() * 4000);
  return 4000 + Math.floor(random() * (maxInputLength - 4000));
}

/** The worst cases named outright, at full size; the corpus starts with them. */
export const extremes: readonly string[] = [
  `${'a'.repeat(40_000)}!`,
  '&amp;'.repeat(10_000),
  repeatTo('5.5.5.5.', maxInputLength),
  repeatTo('550-550-', maxInputLength),
  repeatTo('<', maxInputLength),
  repeatTo('<<<<>>>>', maxInputLength),
  repeatTo('<mailto:a@b.com|', maxInputLength),
  repeatTo('spf ', maxInputLength),
  repeatTo('\ud83d', maxInputLength),
];

/** `count` hostile inputs (the extremes first), the same ones for the same seed. */
export function* hostileCorpus(count: number, seed = 0x5eed): Generator<string> {
  const random = seededRandom(seed);
  yield* extremes.slice(0, count);
  for (let index = extremes.length; index < count; index++) {
    const text = pick(random, makers)(random, lengthFor(random));
    yield text.length > maxInputLength ? text.slice(0, maxInputLength) : text;
  }
}
