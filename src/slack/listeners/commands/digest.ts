import { digestDayAt } from '../../../day.js';
import { computeDigestWithDns } from '../../../digest/digest.js';
import { digestDnsOptions } from '../../../digest/dns.js';
import { count } from '../../../health/format.js';
import { digestMessages } from '../../blocks/digest.js';
import type { Subcommand } from './subcommand.js';

/** A response_url takes five messages: the digest and up to three parts, then a note on the rest. */
const partsShown = 3;

/** `/smtp digest`: the digest of the day that ended last, shown only to the asker. */
export const digestSubcommand: Subcommand = {
  name: 'digest',
  async handle({ ack, respond }, _rest, context) {
    await ack();
    const day = digestDayAt(context.now(), context.config.DIGEST_TZ);
    let messages;
    try {
      const { config, store, now } = context;
      messages = digestMessages(await computeDigestWithDns(store.pool, day, config.HEALTH_THRESHOLDS, digestDnsOptions(config, now)), 'below');
    } catch (error) {
      context.logger.error(`/smtp digest for ${day} failed: ${(error as Error).message}`);
      await respond({ response_type: 'ephemeral', text: 'I could not read the fleet’s numbers just now; please try again in a minute.' });
      return;
    }
    const { main, replies } = messages;
    await respond({ response_type: 'ephemeral', text: main.text, blocks: main.blocks });
    for (const reply of replies.slice(0, partsShown)) await respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
    const hidden = replies.length - partsShown;
    if (hidden > 0) {
      await respond({
        response_type: 'ephemeral',
        text: `Not shown here: ${count(hidden, 'more part')} of the digest. The digest in the channel lists every flagged domain in its thread, and \`smtp-desk digest --json\` prints them all.`,
      });
    }
  },
};
