import { parse } from './parse.js';
import { detectProvider } from './providers.js';
import { resolve } from './resolve.js';
import type { AuthCheck, Category } from './types.js';

/** What the bounce importer and the domain-health rules keep about one bounce. */
export interface BounceClass {
  reply_code: number | null;
  enhanced_code: string | null;
  category: Category;
  provider: string | null;
  /** Which authentication check failed, when the category is authentication. */
  auth_check: AuthCheck | null;
}

const enhancedShape = /^([245])\.(\d{1,3})\.(\d{1,3})$/;

function validReply(code: number | null | undefined): number | null {
  return code !== null && code !== undefined && Number.isInteger(code) && code >= 200 && code <= 599 ? code : null;
}

function validEnhanced(code: string | null | undefined): string | null {
  const match = code ? enhancedShape.exec(code.trim()) : null;
  return match ? `${match[1]}.${Number(match[2])}.${Number(match[3])}` : null;
}

/**
 * Classify one bounce for storage. Codes given as arguments (e.g. from a sequencer's export
 * columns) win over codes found in the diagnostic text. Cheap enough to run per imported row.
 */
export function classifyBounce(diagnostic: string, replyCode?: number | null, enhancedCode?: string | null): BounceClass {
  const parsed = parse(diagnostic);
  const enhanced = validEnhanced(enhancedCode);
  const resolution = resolve({
    reply_code: validReply(replyCode) ?? parsed.reply_code,
    enhanced_code: enhanced ?? parsed.enhanced_code,
    provider: enhanced === null ? parsed.provider : detectProvider(parsed.haystack, enhanced),
    haystack: parsed.haystack,
  });
  const { category, auth } = resolution.reading;
  return {
    reply_code: resolution.reply_code,
    enhanced_code: resolution.enhanced_code,
    category,
    provider: resolution.provider,
    auth_check: category === 'authentication' ? (auth ?? null) : null,
  };
}
