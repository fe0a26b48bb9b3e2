import type { KnownBlock } from '@slack/types';
import { digestDayAt } from '../../../day.js';
import { judgeDomain } from '../../../health/index.js';
import { recentDomainDays } from '../../../store/domain-days.js';
import { domainDayStats } from '../../../store/domain-day-stats.js';
import { getDomain } from '../../../store/fleet.js';
import { domainCardBlocks } from '../../blocks/domain-card.js';
import type { AppContext } from '../../../context.js';

/**
 * The domain's card as `/smtp domain` shows it now. Slack does not send an ephemeral message's
 * blocks with a click, so a decision taken on a card is shown on a freshly built one; null when the
 * domain has no numbers to show.
 */
export async function refreshedCard(context: AppContext, domain: string): Promise<KnownBlock[] | null> {
  const db = context.store.pool;
  const day = digestDayAt(context.now(), context.config.DIGEST_TZ);
  const [row, stats, week] = await Promise.all([getDomain(db, domain), domainDayStats(db, domain, day), recentDomainDays(db, domain, day)]);
  if (!row || !stats) return null;
  const thresholds = context.config.HEALTH_THRESHOLDS;
  return domainCardBlocks({ verdict: judgeDomain(stats, thresholds), stats, week, statusSince: row.status_changed_at, thresholds });
}
