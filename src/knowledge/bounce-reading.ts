import type { SmtpStage } from './phrases.js';
import { resolvePart } from './reason.js';
import { readReport } from './report.js';
import type { AuthCheck, Category } from './types.js';

/** What the bounce importer and the domain-health rules keep about one bounce. */
export interface BounceClass {
  reply_code: number | null;
  enhanced_code: string | null;
  category: Category;
  provider: string | null;
  /** Which authentication check failed, when the category is authentication. */
  auth_check: AuthCheck | null;
  smtp_stage: SmtpStage | null;
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
 * Classify one bounce for storage, with the same reader as `explain` so a stored bounce reads as
 * its lookup does. Codes given as arguments (e.g. from a sequencer's export columns) win over codes
 * found in the diagnostic text. When the text names several failed recipients, the reading is the
 * one for `recipient` if given and named, else the first.
 */
export function classifyBounce(diagnostic: string, replyCode?: number | null, enhancedCode?: string | null, recipient?: string): BounceClass {
  const { parts } = readReport(diagnostic);
  const wanted = recipient?.toLowerCase();
  const part = (wanted !== undefined && parts.length > 1 ? parts.find((candidate) => candidate.recipient === wanted) : undefined) ?? parts[0];
  const resolution = resolvePart(part, { reply_code: validReply(replyCode), enhanced_code: validEnhanced(enhancedCode) });
  const { category, auth } = resolution.reading;
  return {
    reply_code: resolution.reply_code,
    enhanced_code: resolution.enhanced_code,
    category,
    provider: resolution.provider,
    auth_check: category === 'authentication' ? (auth ?? null) : null,
    smtp_stage: resolution.smtp_stage,
  };
}
