import { detectProvider, type ProviderId } from './providers.js';

/** What free text (a code, a bounce line, a whole pasted bounce) says, before any lookup. */
export interface Parsed {
  reply_code: number | null;
  /** Normalised "C.S.D", e.g. "5.7.26". */
  enhanced_code: string | null;
  provider: ProviderId | null;
  /** The scanned part of the text, Slack markup undone and lower-cased; what rules match against. */
  haystack: string;
}

/** Only this many leading characters are scanned: the code sits near the top of any real bounce. */
export const scanLimit = 16 * 1024;

// Every pattern below is linear: no nested quantifiers, and every repetition is bounded.
const slackLink = /<((?:mailto:|https?:\/\/|tel:)[^<>|\s]{0,2000})(?:\|([^<>]{0,2000}))?>/g;
const entity = /&(lt|gt|amp|quot|#39);/g;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };

const enhancedPart = String.raw`([245])\.([0-7])\.(\d{1,3})`;
const notAfterCode = String.raw`(?![\w]|\.\d)`;
/** A reply code and an enhanced code side by side, either order: "550 5.7.26", "550-5.7.26", "5.7.26 550". */
const pair = new RegExp(
  String.raw`(?<![\w.])([245]\d\d)[ \t-]{1,3}#?${enhancedPart}${notAfterCode}|(?<![\w.])${enhancedPart}[ \t]{1,3}([245]\d\d)(?![\w]|\.\d)`,
);
/** An enhanced code alone; not part of an IP address or a longer dotted number. */
const enhanced = new RegExp(String.raw`(?<![\w.])${enhancedPart}${notAfterCode}`);
/** A reply code alone; not part of a number, an IP, a port, a price or a size. */
const reply = /(?<![\w.,:/@$%-])([2-5][0-5]\d)(?![\w]|[.,]\d)(?!\s?(?:bytes?|kb|mb|gb|ms|seconds?|secs?|minutes?|mins?|hours?|days?|%)(?![a-z]))/;

function enhancedCode(klass: string | undefined, subject: string | undefined, detail: string | undefined): string {
  return `${klass}.${subject}.${Number(detail)}`;
}

/** Undo what Slack does to pasted text: `<mailto:a@b.com|a@b.com>` links and `&lt;` entities. */
export function normalise(input: string): string {
  let text = input.length > scanLimit ? input.slice(0, scanLimit) : input;
  if (text.includes('<')) text = text.replace(slackLink, (_match, target: string, label?: string) => label ?? target);
  if (text.includes('&')) text = text.replace(entity, (_match, name: string) => entities[name] ?? '');
  return text;
}

function findCodes(text: string): Pick<Parsed, 'reply_code' | 'enhanced_code'> {
  const both = pair.exec(text);
  if (both) {
    return both[1] !== undefined
      ? { reply_code: Number(both[1]), enhanced_code: enhancedCode(both[2], both[3], both[4]) }
      : { reply_code: Number(both[8]), enhanced_code: enhancedCode(both[5], both[6], both[7]) };
  }
  const alone = enhanced.exec(text);
  const code = reply.exec(text);
  return {
    reply_code: code ? Number(code[1]) : null,
    enhanced_code: alone ? enhancedCode(alone[1], alone[2], alone[3]) : null,
  };
}

/** Find the reply code, enhanced status code and provider in any text. Never throws. */
export function parse(input: string): Parsed {
  const haystack = normalise(input).toLowerCase();
  const { reply_code, enhanced_code } = findCodes(haystack);
  return { reply_code, enhanced_code, provider: detectProvider(haystack, enhanced_code), haystack };
}
