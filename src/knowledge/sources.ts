import { lookupEnhanced, lookupReply } from './registry.js';
import { providerName } from './providers.js';
import type { Explanation } from './explain.js';

/** Where an explanation's facts come from (RFCs, the provider), for a card's context line. */
export function sourcesOf(explanation: Pick<Explanation, 'reply_code' | 'enhanced_code' | 'provider'>): string[] {
  const sources = new Set<string>();
  const reply = lookupReply(explanation.reply_code);
  if (reply) for (const rfc of reply.rfc.split(', ')) sources.add(rfc);
  const enhanced = lookupEnhanced(explanation.enhanced_code);
  if (enhanced) {
    sources.add('RFC 3463');
    for (const rfc of enhanced.entry.rfc.split('; ')) sources.add(rfc);
  }
  const provider = providerName(explanation.provider);
  if (provider !== null) sources.add(provider);
  return [...sources];
}
