import { digestDayAt } from '../../../day.js';
import { judgeDomain } from '../../../health/index.js';
import { recentDomainDays } from '../../../store/domain-days.js';
import { domainDayStats } from '../../../store/domain-day-stats.js';
import { getDomain } from '../../../store/fleet.js';
import { domainCardBlocks, domainCardText } from '../../blocks/domain-card.js';
import { escapeMrkdwn, unescapeMrkdwn } from '../../blocks/mrkdwn.js';
import type { Subcommand } from './subcommand.js';

const domainPattern = /^[a-z0-9._-]+\.[a-z0-9-]+$/;

/**
 * The domain in what the user typed: `example.com`, a link Slack made of it (`<http://example.com|example.com>`,
 * escaped or not), a URL or an address on it. Null when there is no domain name.
 */
export function domainFromInput(text: string): string | null {
  let value = unescapeMrkdwn(text.trim());
  const link = /^<([^|>]+)(?:\|([^>]+))?>$/.exec(value);
  if (link) value = link[2] ?? link[1]!;
  value = value.replace(/^(?:https?:\/\/|mailto:)/i, '').split(/[/?#\s]/)[0]!;
  value = value.slice(value.lastIndexOf('@') + 1).replace(/\.$/, '').toLowerCase();
  return domainPattern.test(value) ? value : null;
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
    const db = context.store.pool;
    const day = digestDayAt(context.now(), context.config.DIGEST_TZ);
    try {
      const [row, stats, history] = await Promise.all([getDomain(db, domain), domainDayStats(db, domain, day), recentDomainDays(db, domain, day)]);
      if (!row || !stats) {
        await respond({
          response_type: 'ephemeral',
          text: `I don’t know the sending domain *${escapeMrkdwn(domain)}*: domains appear once smtp-desk has seen sends or bounces from them.`,
        });
        return;
      }
      const thresholds = context.config.HEALTH_THRESHOLDS;
      const input = { verdict: judgeDomain(stats, thresholds), stats, week: history, statusSince: row.status_changed_at, thresholds };
      await respond({ response_type: 'ephemeral', text: domainCardText(input), blocks: domainCardBlocks(input) });
    } catch (error) {
      context.logger.error(`/smtp domain ${domain} failed: ${(error as Error).message}`);
      await respond({ response_type: 'ephemeral', text: 'I could not read the domain’s numbers just now; please try again in a minute.' });
    }
  },
};
