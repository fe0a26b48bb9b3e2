import { classifyBounce, type BounceClass } from '../knowledge/bounce-reading.js';
import type { BounceRecord } from '../store/bounce-record.js';
import type { BounceInput } from './rows.js';

const cacheLimit = 10_000;
/** Longer replies are classified every time: the cache stays under ~20 MB. */
const cacheableLength = 2_000;

/**
 * A copy of `text` that shares no memory with it: a reply read from a file is a slice of a whole
 * chunk of the file, which a cached slice would keep alive.
 */
const ownCopy = (text: string) => ` ${text}`.slice(1);

/**
 * Completes bounces with the knowledge base's reading: category, failed auth check, receiving
 * provider, SMTP stage, and codes the row left empty (the same reader as a lookup, so a stored
 * bounce reads as its `/smtp` explanation does). Sequencers repeat the same replies, so readings are
 * memoised (bounded; the cache is dropped when full).
 */
export function createBounceClassifier(): (input: BounceInput) => BounceRecord {
  // By the codes the row gives ('' for none, the usual case, so no key is built), then by reply text.
  const cache = new Map<string, Map<string, BounceClass>>();
  let cached = 0;
  return (input) => {
    // A text naming several addresses may hold several recipients' readings: the row's own is wanted.
    const several = input.diagnostic.indexOf('@') !== input.diagnostic.lastIndexOf('@');
    const codes =
      input.reply_code === null && input.enhanced_code === null && !several
        ? ''
        : `${input.reply_code ?? ''}|${input.enhanced_code ?? ''}${several ? `|${input.recipient}` : ''}`;
    let byText = cache.get(codes);
    let reading = byText?.get(input.diagnostic);
    if (!reading) {
      reading = classifyBounce(input.diagnostic, input.reply_code, input.enhanced_code, input.recipient);
      if (input.diagnostic.length <= cacheableLength) {
        if (cached >= cacheLimit) {
          cache.clear();
          cached = 0;
          byText = undefined;
        }
        if (!byText) {
          byText = new Map();
          cache.set(codes, byText);
        }
        byText.set(ownCopy(input.diagnostic), reading);
        cached++;
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
