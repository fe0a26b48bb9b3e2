import { classifyBounce, type BounceClass } from '../knowledge/bounce-reading.js';
import type { BounceRecord } from '../store/bounce-record.js';
import type { BounceInput } from './rows.js';

/** Text kept in the cache, in UTF-16 units: ~16 MB at most. */
const cacheChars = 8_000_000;
/** Longer replies are classified every time. */
const cacheableLength = 2_000;

/**
 * A copy of `text` that shares no memory with it: a reply read from a file is a slice of a whole
 * chunk of the file, which a cached slice would keep alive.
 */
const ownCopy = (text: string) => ` ${text}`.slice(1);

/**
 * The text with the row's own address in it replaced by one stand-in at the same domain, or
 * undefined when the text does not name it. Most replies quote the recipient, so without this every
 * row's text would be new to the cache; the local part names a person, never a reason, while the
 * domain can name the receiver (`icloud.com`, `orange.fr`) and stays.
 */
function withStandIn(text: string, recipient: string): { text: string; recipient: string } | undefined {
  if (!text.includes(recipient)) return undefined;
  const standIn = `recipient${recipient.slice(recipient.lastIndexOf('@'))}`;
  return { text: text.replaceAll(recipient, standIn), recipient: standIn };
}

/**
 * Completes bounces with the knowledge base's reading: category, failed auth check, receiving
 * provider, SMTP stage, and codes the row left empty (the same reader as a lookup, so a stored
 * bounce reads as its `/smtp` explanation does). Sequencers repeat the same replies, so readings are
 * memoised (bounded; the cache is dropped when full).
 */
export function createBounceClassifier(): (input: BounceInput) => BounceRecord {
  // By the codes the row gives ('' for none, the usual case, so no key is built), then by reply text.
  const cache = new Map<string, Map<string, BounceClass>>();
  let cachedChars = 0;
  return (input) => {
    const named = input.diagnostic.indexOf('@') === -1 ? undefined : withStandIn(input.diagnostic, input.recipient);
    const text = named?.text ?? input.diagnostic;
    // A text naming several addresses, none of them the row's own as written, is keyed by the row's too.
    const several = named === undefined && text.indexOf('@') !== text.lastIndexOf('@');
    const codes =
      input.reply_code === null && input.enhanced_code === null && !several
        ? ''
        : `${input.reply_code ?? ''}|${input.enhanced_code ?? ''}${several ? `|${input.recipient}` : ''}`;
    let byText = cache.get(codes);
    let reading = byText?.get(text);
    if (!reading) {
      reading = classifyBounce(text, input.reply_code, input.enhanced_code, named?.recipient ?? input.recipient);
      if (text.length <= cacheableLength) {
        if (cachedChars + text.length > cacheChars) {
          cache.clear();
          cachedChars = 0;
          byText = undefined;
        }
        if (!byText) {
          byText = new Map();
          cache.set(codes, byText);
        }
        byText.set(named ? text : ownCopy(text), reading);
        cachedChars += text.length + codes.length;
      }
    }
    // Spelled out: spreading the validated row costs several microseconds a row.
    return {
      occurred_at: input.occurred_at,
      sending_inbox: input.sending_inbox,
      recipient: input.recipient,
      reply_code: input.reply_code ?? reading.reply_code,
      enhanced_code: input.enhanced_code ?? reading.enhanced_code,
      diagnostic: input.diagnostic,
      category: reading.category,
      auth_check: reading.auth_check,
      provider: reading.provider,
      smtp_stage: reading.smtp_stage,
      sequencer: input.sequencer,
      campaign: input.campaign,
      external_id: input.external_id,
      sender_originated: input.sender_originated ?? false,
    };
  };
}
