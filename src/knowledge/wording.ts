import { phraseMatcher, type PhraseHit } from './phrase-matcher.js';
import {
  authenticationPhrases,
  delayPhrases,
  expiryPhrases,
  permanentPhrases,
  reasonPhrases,
  returnedMessagePhrases,
  stagePhrases,
  type ReasonId,
  type SmtpStage,
} from './phrases.js';
import type { AuthCheck } from './types.js';
import { inLocalPart } from './text.js';

/** What one phrase of the table says when it shows in a bounce. */
export type PhraseMeaning =
  | { kind: 'reason'; reason: ReasonId; auth?: AuthCheck }
  | { kind: 'stage'; stage: SmtpStage }
  | { kind: 'expiry' }
  | { kind: 'delay' }
  | { kind: 'permanent' }
  | { kind: 'returned_message' };

export interface WordingHit {
  meaning: PhraseMeaning;
  /** Index in the text just past the phrase. */
  end: number;
}

const phrases: string[] = [];
const meanings: PhraseMeaning[] = [];

function add(list: readonly string[], meaning: PhraseMeaning): void {
  for (const phrase of list) {
    phrases.push(phrase);
    meanings.push(meaning);
  }
}

for (const [reason, list] of Object.entries(reasonPhrases)) add(list, { kind: 'reason', reason: reason as ReasonId });
for (const [auth, list] of Object.entries(authenticationPhrases)) add(list, { kind: 'reason', reason: 'authentication', auth: auth as AuthCheck });
for (const [stage, list] of Object.entries(stagePhrases)) add(list, { kind: 'stage', stage: stage as SmtpStage });
add(expiryPhrases, { kind: 'expiry' });
add(delayPhrases, { kind: 'delay' });
add(permanentPhrases, { kind: 'permanent' });
add(returnedMessagePhrases, { kind: 'returned_message' });

const matcher = phraseMatcher(
  phrases,
  meanings.flatMap((meaning, index) => (meaning.kind === 'returned_message' ? [index] : [])),
);
/** A text of only digits, dots, dashes and spaces (a bare code) holds no phrase: skip the scan. */
const wordy = /[^\d\s.#-]/;
const longestPhrase = Math.max(...phrases.map((phrase) => phrase.length));

/**
 * Every phrase of the table found in `text` (up to `limit`), in order of position, in one pass that
 * stops where a returned copy of the original message begins (that phrase is the last hit).
 * A reason phrase inside a longer reason phrase that also matched gives way to it: the longer
 * wording is the more specific ("recipient rejected by policy" over "recipient rejected",
 * "host not found, try again" over "host not found"). Words of an address's local part are a name,
 * not wording, and are left out.
 */
export function findWording(text: string, limit?: number): WordingHit[] {
  if (!wordy.test(text)) return [];
  const raw = matcher.scan(text, limit);
  const addresses = text.includes('@');
  const hits: WordingHit[] = [];
  for (let index = 0; index < raw.length; index++) {
    const hit = raw[index] as PhraseHit;
    const meaning = meanings[hit.phrase] as PhraseMeaning;
    if (meaning.kind === 'reason' && coveredByLonger(raw, index)) continue;
    if (addresses && inLocalPart(text, hit.end - hit.length, hit.end)) continue;
    hits.push({ meaning, end: hit.end });
  }
  return hits;
}

/** Whether a longer reason phrase spans hit `index` (hits are ordered by end; a cover ends at or after it). */
function coveredByLonger(raw: readonly PhraseHit[], index: number): boolean {
  const hit = raw[index] as PhraseHit;
  const start = hit.end - hit.length;
  for (let other = index - 1; other >= 0; other--) {
    const candidate = raw[other] as PhraseHit;
    if (candidate.end < hit.end) break;
    if (candidate.length > hit.length && meanings[candidate.phrase]?.kind === 'reason') return true;
  }
  for (let other = index + 1; other < raw.length; other++) {
    const candidate = raw[other] as PhraseHit;
    if (candidate.end - longestPhrase > start) break;
    if (candidate.length > hit.length && candidate.end - candidate.length <= start && meanings[candidate.phrase]?.kind === 'reason') return true;
  }
  return false;
}

/** How many phrasings the table holds (docs and tests quote it). */
export const phraseCount = phrases.length;
