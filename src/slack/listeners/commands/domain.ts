import { normaliseDomain } from '../../../domain-name.js';
import { domainCardBlocks, domainCardText } from '../../blocks/domain-card.js';
import { escapeMrkdwn, unescapeMrkdwn } from '../../blocks/mrkdwn.js';
import { readDomainCard } from '../../domain-card.js';
import type { Subcommand } from './subcommand.js';

/**
 * The domain in what the user typed: `example.com`, a link Slack made of it (`<http://example.com|example.com>`,
 * escaped or not), a URL or an address on it, in stored form (see normaliseDomain). Null when there is no domain name.
 */
export function domainFromInput(text: string): string | null {
  let value = unescapeMrkdwn(text.trim());
  const link = /^<([^|>]+)(?:\|([^>]+))?>$/.exec(value);
  if (link) value = link[2] ?? link[1]!;
  value = value.replace(/^(?:https?:\/\/|mailto:)/i, '').split(/[/?#\s]/)[0]!;
  return normaliseDomain(value.slice(value.lastIndexOf('@') + 1));
}

/** `/smtp domain example.com`: one sending domain's card for the day that ended last, shown to the asker. */
export const domainSubcommand: Subcommand = {
  name: 'domain',
  async handle({ ack, respond }, rest, context) {
    const domain = domainFromInput(rest);
    if (!domain) {
      await ack({ response_type: 'ephemeral', text: 'Which domain? For example: `/smtp domain outreach-example.com`' });
      return;
    }
    await ack();
    try {
      const card = await readDomainCard(context, domain);
      if (!card) {
        await respond({
          response_type: 'ephemeral',
          text: `I don’t know the sending domain *${escapeMrkdwn(domain)}*: domains appear once smtp-desk has seen sends or bounces from them.`,
        });
        return;
      }
      await respond({ response_type: 'ephemeral', text: domainCardText(card), blocks: domainCardBlocks(card) });
    } catch (error) {
      context.logger.error(`/smtp domain ${domain} failed: ${(error as Error).message}`);
      await respond({ response_type: 'ephemeral', text: 'I could not read the domain’s numbers just now; please try again in a minute.' });
    }
  },
};
