import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import { auditNow, dnsCard } from '../../dns-audit.js';
import { domainFromInput } from './domain.js';
import type { Subcommand } from './subcommand.js';

/**
 * `/smtp dns example.com`: the domain's SPF, DMARC, DKIM, MX and blocklist checks, shown to the asker
 * with a Share button. DNS may take up to DNS_DEADLINE_MS, so the command is acknowledged first.
 */
export const dnsSubcommand: Subcommand = {
  name: 'dns',
  async handle({ ack, respond }, rest, context) {
    const domain = domainFromInput(rest);
    if (!domain) {
      await ack({ response_type: 'ephemeral', text: 'Which domain? For example: `/smtp dns outreach-example.com`' });
      return;
    }
    await ack({ response_type: 'ephemeral', text: `Checking the DNS of *${escapeMrkdwn(domain)}*…` });
    let card;
    try {
      card = dnsCard(await auditNow(context, domain));
    } catch (error) {
      context.logger.error(`/smtp dns ${domain} failed: ${(error as Error).message}`);
      card = { refused: `I could not check the DNS of *${escapeMrkdwn(domain)}* just now; please try again in a minute.` };
    }
    await respond('refused' in card ? { response_type: 'ephemeral', text: card.refused } : { response_type: 'ephemeral', ...card });
  },
};
