import { inLocalPart } from './text.js';

/** A reply code and / or enhanced status code as it shows in a bounce. */
export interface CodeMention {
  at: number;
  reply: number | null;
  /** Normalised "C.S.D", e.g. "5.7.26". */
  enhanced: string | null;
  /**
   * Where a reply sits: at the start of the text or a line, or after the marker an MTA writes in
   * front of a reply ("said:", "smtp;", "<<<", "returned '", an Exim stage line's colon …), or next
   * to its enhanced code. Other numbers of that shape are sizes, exit statuses, ports or ids.
   */
  anchored: boolean;
}

const enhancedPart = String.raw`([245])\.([0-7])\.(\d{1,3})`;
const units = String.raw`(?!\s?(?:bytes?|kb|mb|gb|ms|seconds?|secs?|minutes?|mins?|hours?|days?|%)(?![a-z]))`;
/**
 * A reply code, with the enhanced code after it when there is one ("550 5.1.1", "550-5.7.26",
 * "#550 5.1.1"), or an enhanced code alone ("Status: 5.1.1", qmail's "(#5.1.1)"). Not part of a
 * longer number, an IP address, a port, a SIZE= parameter, a version or a bracketed tag.
 */
const codePattern = new RegExp(
  String.raw`(?<![\w.,/@$%=+-]|[^"\s]:)([2-5][0-5]\d)(?:(?:[ \t]{1,3}|-)#?${enhancedPart}(?![\w]|\.\d))?(?![\w\]]|[.,]\d)${units}` +
    String.raw`|(?<![\w.])${enhancedPart}(?![\w]|\.\d)`,
  'gi',
);

/** What may stand right before an anchored reply code, once spaces are trimmed. */
const anchorEnd = /(?:[:;'"(#<[]|said|returned|error|was)$/;
/** Fields whose numbers are exit statuses, not replies. */
const notReplyField = /(?:x-unix;|\bstatus|\bexit|\bport)$/;

function enhancedCode(klass: string, subject: string, detail: string): string {
  return `${klass}.${subject}.${Number(detail)}`;
}

function anchoredAt(text: string, at: number): boolean {
  let index = at - 1;
  while (index >= 0 && (text[index] === ' ' || text[index] === '\t')) index--;
  if (index < 0 || text[index] === '\n' || text[index] === '\r') return true;
  const before = text.slice(Math.max(0, index - 11), index + 1).toLowerCase();
  return anchorEnd.test(before) && !notReplyField.test(before);
}

/** Every code mention in `text[0, limit)`, in order. */
export function findCodes(text: string, limit = text.length): CodeMention[] {
  const mentions: CodeMention[] = [];
  codePattern.lastIndex = 0;
  const scanned = limit < text.length ? text.slice(0, limit) : text;
  const addresses = scanned.includes('@');
  for (let match = codePattern.exec(scanned); match !== null; match = codePattern.exec(scanned)) {
    if (addresses && inLocalPart(scanned, match.index, match.index + match[0].length)) continue;
    const [, reply, klass, subject, detail, aloneClass, aloneSubject, aloneDetail] = match;
    if (reply !== undefined) {
      const enhanced = klass !== undefined ? enhancedCode(klass, subject ?? '0', detail ?? '0') : null;
      mentions.push({ at: match.index, reply: Number(reply), enhanced, anchored: enhanced !== null || anchoredAt(scanned, match.index) });
    } else {
      const enhanced = enhancedCode(aloneClass ?? '5', aloneSubject ?? '0', aloneDetail ?? '0');
      mentions.push({ at: match.index, reply: null, enhanced, anchored: anchoredAt(scanned, match.index) });
    }
  }
  return mentions;
}
