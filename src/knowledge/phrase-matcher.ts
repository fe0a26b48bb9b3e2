/**
 * Finds every occurrence of many literal phrases in one left-to-right pass (Aho–Corasick, compiled
 * to a full transition table), so the time is linear in the text whatever the number of phrases.
 * Matching ignores case, Latin accents and runs of whitespace (a wrapped or collapsed paste reads
 * the same), and a phrase that starts or ends with a letter or digit only matches whole words.
 */
export interface PhraseHit {
  /** Index of the phrase in the list the matcher was built from. */
  phrase: number;
  /** Index in the text just past the phrase's last character. */
  end: number;
  /** Length of the phrase, in folded units (runs of whitespace count once). */
  length: number;
}

export interface PhraseMatcher {
  /**
   * Hits in order of their end, then of phrase index; `limit` caps how much of the text is read.
   * Reading stops after the first hit of a phrase listed in `stops` (given to `phraseMatcher`).
   */
  scan(text: string, limit?: number): PhraseHit[];
}

const unitCount = 0x10000;
const space = 0x20;
/** Longest phrase, in folded units; the ring of recent units must hold one. */
const ringSize = 256;

/** Lower-case, accent-free, whitespace-as-space form of every UTF-16 unit. */
const folded = new Uint16Array(unitCount);
/** Letters and digits (after folding): what a word boundary must not touch. */
const wordUnit = new Uint8Array(unitCount);
/** Apostrophes read as spaces, so "n'existe", "n’existe" and "n existe" match alike. */
const apostrophes = "'\u2018\u2019\u00b4`";
/** Units past this are folded only for whitespace: accents and case live below it. */
const latinEnd = 0x2000;
for (let unit = 0; unit < unitCount; unit++) {
  const char = String.fromCharCode(unit);
  let fold = unit;
  if (/\s/.test(char) || apostrophes.includes(char)) fold = space;
  else if (unit < latinEnd) {
    const base = char.normalize('NFD').charAt(0).toLowerCase();
    if (base.length === 1) fold = base.charCodeAt(0);
  }
  folded[unit] = fold;
  wordUnit[unit] = fold < latinEnd && /[\p{L}\p{N}]/u.test(String.fromCharCode(fold)) ? 1 : 0;
}

function foldPhrase(phrase: string): number[] {
  const units: number[] = [];
  for (let index = 0; index < phrase.length; index++) {
    const unit = folded[phrase.charCodeAt(index)] ?? 0;
    if (unit === space && (units.length === 0 || units[units.length - 1] === space)) continue;
    units.push(unit);
  }
  while (units[units.length - 1] === space) units.pop();
  return units;
}

/** Builds the matcher. Phrases longer than 255 folded units are refused. */
export function phraseMatcher(phrases: readonly string[], stops: readonly number[] = []): PhraseMatcher {
  const foldedPhrases = phrases.map(foldPhrase);
  const alphabet = new Uint16Array(unitCount);
  let symbols = 1;
  for (const units of foldedPhrases) {
    if (units.length === 0 || units.length >= ringSize) throw new Error(`phrase of unusable length: "${phrases[foldedPhrases.indexOf(units)]}"`);
    for (const unit of units) if (alphabet[unit] === 0) alphabet[unit] = symbols++;
  }
  // Every unit maps to its folded form's symbol (0: a unit no phrase uses).
  const symbolOf = new Uint16Array(unitCount);
  for (let unit = 0; unit < unitCount; unit++) symbolOf[unit] = alphabet[folded[unit] ?? 0] ?? 0;

  const children: Map<number, number>[] = [new Map()];
  const outputs: number[][] = [[]];
  foldedPhrases.forEach((units, phrase) => {
    let node = 0;
    for (const unit of units) {
      const symbol = alphabet[unit] ?? 0;
      let next = children[node]?.get(symbol);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        outputs.push([]);
        children[node]?.set(symbol, next);
      }
      node = next;
    }
    outputs[node]?.push(phrase);
  });

  // Failure links, breadth first; every node also reports what its failure node reports.
  const nodes = children.length;
  const fail = new Int32Array(nodes);
  const depth = new Int32Array(nodes);
  const order: number[] = [0];
  for (let head = 0; head < order.length; head++) {
    const node = order[head] ?? 0;
    for (const [symbol, child] of children[node] ?? []) {
      depth[child] = (depth[node] ?? 0) + 1;
      let failure = fail[node] ?? 0;
      while (node !== 0 && failure !== 0 && !children[failure]?.has(symbol)) failure = fail[failure] ?? 0;
      const target = node === 0 ? 0 : (children[failure]?.get(symbol) ?? 0);
      fail[child] = target === child ? 0 : target;
      outputs[child]?.push(...(outputs[fail[child] ?? 0] ?? []));
      order.push(child);
    }
  }

  // Shallow nodes and branching nodes get a full row of transitions; the many deep nodes with a
  // single child keep only that child and fall back along failure links (amortised constant).
  const denseRow = new Int32Array(nodes).fill(-1);
  let rows = 0;
  for (const node of order) if ((depth[node] ?? 0) <= 2 || (children[node]?.size ?? 0) > 1) denseRow[node] = rows++;
  const table = new Int32Array(rows * symbols);
  for (const node of order) {
    const row = denseRow[node] ?? -1;
    if (row < 0) continue;
    for (let symbol = 1; symbol < symbols; symbol++) {
      let at = node;
      let next = children[at]?.get(symbol);
      while (next === undefined && at !== 0) {
        at = fail[at] ?? 0;
        next = children[at]?.get(symbol);
      }
      table[row * symbols + symbol] = next ?? 0;
    }
  }
  const onlySymbol = new Int32Array(nodes);
  const onlyChild = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) {
    const [first] = children[node] ?? [];
    if (first) {
      onlySymbol[node] = first[0];
      onlyChild[node] = first[1];
    }
  }
  // What each node reports, flat: phrases emitFrom[node] … emitFrom[node + 1] - 1 of emitList.
  const emitFrom = new Int32Array(nodes + 1);
  const emitList: number[] = [];
  for (let node = 0; node < nodes; node++) {
    emitFrom[node] = emitList.length;
    emitList.push(...(outputs[node] ?? []).sort((a, b) => a - b));
  }
  emitFrom[nodes] = emitList.length;
  const emitted = Int32Array.from(emitList);
  const lengths = Int32Array.from(foldedPhrases, (units) => units.length);
  const startsWord = Uint8Array.from(foldedPhrases, (units) => wordUnit[units[0] ?? 0] ?? 0);
  const endsWord = Uint8Array.from(foldedPhrases, (units) => wordUnit[units[units.length - 1] ?? 0] ?? 0);
  const ring = new Uint16Array(ringSize);
  const mask = ringSize - 1;
  const stopper = new Uint8Array(phrases.length);
  for (const phrase of stops) stopper[phrase] = 1;

  const tables = { folded, wordUnit, symbolOf, denseRow, table, width: symbols, fail, onlySymbol, onlyChild, emitFrom, emitted, lengths, startsWord, endsWord, ring, stopper };

  return {
    scan(text, limit = text.length) {
      // The loop reads its tables as locals: read from the closure, V8 reloads them at every step,
      // which cost a third of the scan.
      const { folded, wordUnit, symbolOf, denseRow, table, width, fail, onlySymbol, onlyChild, emitFrom, emitted, lengths, startsWord, endsWord, ring, stopper } = tables;
      const hits: PhraseHit[] = [];
      const end = Math.min(limit, text.length);
      let state = 0;
      let count = 0;
      let previous = space;
      for (let index = 0; index < end; index++) {
        const unit = text.charCodeAt(index);
        const fold = folded[unit] as number;
        if (fold === space && previous === space) continue;
        previous = fold;
        ring[count & mask] = fold;
        count++;
        const symbol = symbolOf[unit] as number;
        if (symbol === 0) {
          state = 0;
          continue;
        }
        let row = denseRow[state] as number;
        while (row < 0 && onlySymbol[state] !== symbol) {
          state = fail[state] as number;
          row = denseRow[state] as number;
        }
        state = row >= 0 ? (table[row * width + symbol] as number) : (onlyChild[state] as number);
        const last = emitFrom[state + 1] as number;
        for (let at = emitFrom[state] as number; at < last; at++) {
          const phrase = emitted[at] as number;
          const length = lengths[phrase] as number;
          if (startsWord[phrase] === 1 && count > length && wordUnit[ring[(count - length - 1) & mask] as number] === 1) continue;
          if (endsWord[phrase] === 1 && index + 1 < text.length && wordUnit[folded[text.charCodeAt(index + 1)] as number] === 1) continue;
          hits.push({ phrase, end: index + 1, length });
          if (stopper[phrase] === 1) return hits;
        }
      }
      return hits;
    },
  };
}
