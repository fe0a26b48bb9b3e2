import { enhancedCodes, type EnhancedEntry } from './enhanced-codes.js';
import { replyCodes, type ReplyEntry } from './reply-codes.js';
import type { ReplyClass } from './types.js';

export interface EnhancedMatch {
  entry: EnhancedEntry;
  /** The registry key that matched, "subject.detail" (e.g. "7.26", or "7.0" after a fallback). */
  key: string;
  /** False when only the RFC 3463 fallback (X.Y.0, then X.0.0) matched. */
  exact: boolean;
}

export function lookupReply(code: number | null): ReplyEntry | undefined {
  return code === null ? undefined : replyCodes[code];
}

const enhancedMatches = new Map<string, EnhancedMatch>();

/** Registry entry for "C.S.D", falling back to C.S.0 and then C.0.0 as RFC 3463 prescribes. */
export function lookupEnhanced(code: string | null): EnhancedMatch | undefined {
  if (code === null) return undefined;
  const known = enhancedMatches.get(code);
  if (known) return known;
  const match = registryMatch(code);
  if (enhancedMatches.size < 4096) enhancedMatches.set(code, match);
  return match;
}

function registryMatch(code: string): EnhancedMatch {
  const [, subject = '0', detail = '0'] = code.split('.');
  const key = `${subject}.${detail}`;
  const exact = enhancedCodes[key];
  if (exact) return { entry: exact, key, exact: true };
  const subjectKey = `${subject}.0`;
  const subjectEntry = enhancedCodes[subjectKey];
  if (subjectEntry) return { entry: subjectEntry, key: subjectKey, exact: false };
  return { entry: enhancedCodes['0.0'] as EnhancedEntry, key: '0.0', exact: false };
}

/** The class a code's first digit stands for: 2 and 3 positive, 4 temporary, 5 permanent. */
export function classOfDigit(digit: string | undefined): ReplyClass {
  if (digit === '2' || digit === '3') return 'success';
  if (digit === '4') return 'transient';
  if (digit === '5') return 'permanent';
  return 'unknown';
}
