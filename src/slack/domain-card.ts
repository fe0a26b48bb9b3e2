import { digestDayAt } from '../day.js';
import { judgeDomain } from '../health/index.js';
import { recentDomainDays } from '../store/domain-days.js';
import { domainDayStats } from '../store/domain-day-stats.js';
import { latestDnsAudits } from '../store/dns-audits.js';
import { getDomain } from '../store/fleet.js';
import { postmasterDay } from '../store/postmaster-days.js';
import { sequencerBounces } from '../store/sends.js';
import { latestSync } from '../store/outbox.js';
import { syncSentence } from '../sync/words.js';
import type { DomainCardInput } from './blocks/domain-card.js';
import type { AppContext } from '../context.js';

/**
 * What a domain's card shows now, for the day that ended last: `/smtp domain` reads it, and so does a
 * decision taken on an ephemeral card (Slack does not send that card's blocks with the click, so it is
 * built afresh). Null when the domain has no numbers to show.
 */
export async function readDomainCard(context: AppContext, domain: string): Promise<DomainCardInput | null> {
  const db = context.store.pool;
  const day = digestDayAt(context.now(), context.config.DIGEST_TZ);
  const [row, stats, week, counted, postmaster, audits, sync] = await Promise.all([
    getDomain(db, domain),
    domainDayStats(db, domain, day),
    recentDomainDays(db, domain, day),
    sequencerBounces(db, domain, day),
    postmasterDay(db, domain, day),
    latestDnsAudits(db, [domain]),
    latestSync(db, domain),
  ]);
  if (!row || !stats) return null;
  const thresholds = context.config.HEALTH_THRESHOLDS;
  return {
    verdict: judgeDomain(stats, thresholds),
    stats,
    week,
    statusSince: row.status_changed_at,
    thresholds,
    sequencerBounces: counted,
    postmaster,
    dnsAudit: audits[0] ?? null,
    sync: sync.map((synced) => ({ sentence: syncSentence(synced), at: synced.settled_at ?? synced.created_at })),
  };
}
