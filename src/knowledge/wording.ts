import { phraseMatcher } from './phrase-matcher.js';
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

const matcher = phraseMatcher(phrases);

/** Every phrase of the table found in `text` (up to `limit`), in order of position. One pass. */
export function findWording(text: string, limit?: number): WordingHit[] {
  return matcher.scan(text, limit).map((hit) => ({ meaning: meanings[hit.phrase] as PhraseMeaning, end: hit.end }));
}

/** How many phrasings the table holds (docs and tests quote it). */
export const phraseCount = phrases.length;
