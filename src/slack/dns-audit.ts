import { auditDomain, auditOptionsFrom, nothingChecked, type DnsAudit } from '../dns/index.js';
import type { AppContext } from '../context.js';
import { insertDnsAudits } from '../store/dns-audits.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';
import { dnsAuditBlocks, dnsAuditText } from './blocks/dns-audit.js';
import type { SharedCard } from './listeners/actions/share-card.js';

/**
 * Audits `domain` now and keeps the result when it is a sending domain and DNS answered, so the
 * domain card and the digest see it. A store that fails loses only the keeping (logged), never the answer.
 */
export async function auditNow(context: AppContext, domain: string): Promise<DnsAudit> {
  const audit = await auditDomain(domain, { ...auditOptionsFrom(context.config), now: context.now });
  if (!nothingChecked(audit.findings)) {
    await insertDnsAudits(context.store.pool, [audit]).catch((error: unknown) =>
      context.logger.warn(`the DNS audit of ${domain} was shown but not stored: ${(error as Error).message}`),
    );
  }
  return audit;
}

/** The card for an audit, or, when DNS answered nothing at all, the one line that says it could not be checked. */
export function dnsCard(audit: DnsAudit, sharedBy?: string): SharedCard {
  if (nothingChecked(audit.findings)) {
    const why = audit.findings[0]?.message ?? 'no DNS answer';
    return { refused: `I could not check the DNS of *${escapeMrkdwn(audit.domain)}*: ${escapeMrkdwn(why)}. Please try again in a minute.` };
  }
  return { text: dnsAuditText(audit), blocks: dnsAuditBlocks(audit, sharedBy === undefined ? {} : { sharedBy }) };
}
