import { classifyBounce } from '../knowledge/classify.js';
import type { BounceRecord } from '../store/bounces.js';
import type { BounceInput } from './rows.js';

const cacheLimit = 10_000;
/** Longer replies are classified every time: the cache stays under ~20 MB. */
const cacheableLength = 2_000;

/**
 * Completes bounces with the knowledge base's reading: category, failed auth check, receiving
 * provider, and codes the row left empty. Sequencers repeat the same replies, so readings are
 * memoised (bounded; the cache is dropped when full).
 */
export function createBounceClassifier(): (input: BounceInput) => BounceRecord {
  const cache = new Map<string, ReturnType<typeof classifyBounce>>();
  return (input) => {
    const key = `${input.reply_code ?? ''}|${input.enhanced_code ?? ''}|${input.diagnostic}`;
    let reading = cache.get(key);
    if (!reading) {
      reading = classifyBounce(input.diagnostic, input.reply_code, input.enhanced_code);
      if (key.length <= cacheableLength) {
        if (cache.size >= cacheLimit) cache.clear();
        cache.set(key, reading);
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
      sequencer: input.sequencer,
      campaign: input.campaign,
      external_id: input.external_id,
    };
  };
}
