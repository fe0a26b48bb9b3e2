/** Only this many leading characters are read: a report's own part sits near the top of any paste. */
export const scanLimit = 16 * 1024;

/** A character of an address's local part, as the reader accepts it. */
export const localPartUnit = /[A-Za-z0-9._%+'=~!#$&*/?^`{|}-]/;
const longestLocalPart = 64;

/**
 * Whether `text[start, end)` lies inside an address's local part (`spam@…`, `over.quota@…`,
 * `550@…`): it is made of local-part characters, and only such characters stand between it and an
 * `@`. Such words and numbers are a name, not a reason or a reply; wording with a space in it never is.
 */
export function inLocalPart(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (!localPartUnit.test(text[at] as string)) return false;
  for (let at = end; at < text.length && at - start <= longestLocalPart; at++) {
    const unit = text[at] as string;
    if (unit === '@') return true;
    if (!localPartUnit.test(unit)) return false;
  }
  return false;
}

// Every pattern below is linear: no nested quantifiers, and every repetition is bounded.
const slackLink = /<((?:mailto:|https?:\/\/|tel:)[^<>|\s]{0,2000})(?:\|([^<>]{0,2000}))?>/g;
const entity = /&(lt|gt|amp|quot|nbsp|#39|#64|#x40);/g;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', nbsp: ' ', '#39': "'", '#64': '@', '#x40': '@' };
/** "> " quote prefixes of a forwarded or replied-to bounce; never a transcript's ">>> " command line. */
const quotePrefix = /^[ \t]{0,8}(?:>[ \t]?){1,2}(?!>)/gm;
/** A paste copied out of JSON: "\n" and "\t" written as two characters, and escaped quotes. */
const jsonEscape = /\\[nrt"]/g;
const jsonEscapes: Readonly<Record<string, string>> = { '\\n': '\n', '\\r': '\n', '\\t': ' ', '\\"': '"' };

/**
 * Undo what Slack, mail clients and exports do to a pasted bounce: Slack's `<mailto:a@b.com|a@b.com>`
 * links and `&lt;` entities, "> " quoting, JSON escapes. Positions in the result are what the
 * reader works on; the original input is kept for display.
 */
export function normalise(input: string): string {
  let text = input.length > scanLimit ? input.slice(0, scanLimit) : input;
  if (text.includes('<')) text = text.replace(slackLink, (_match, target: string, label?: string) => label ?? target);
  if (text.includes('&')) text = text.replace(entity, (_match, name: string) => entities[name] ?? '');
  if (text.includes('\\n') || text.includes('\\t') || text.includes('\\"')) text = text.replace(jsonEscape, (escape) => jsonEscapes[escape] ?? escape);
  if (text.startsWith('>') || text.includes('\n>') || text.includes('\n >')) text = text.replace(quotePrefix, '');
  return text;
}
