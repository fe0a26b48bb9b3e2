import { verdictOf, type DnsAudit } from '../dns/index.js';
import { auditFleet, renderFleetSummary, summariseFleet } from '../dns/fleet.js';
import { auditOptionsFrom } from '../dns/options.js';
import { insertDnsAudits } from '../store/dns-audits.js';
import { listDomains } from '../store/fleet.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo } from './io.js';

/** Audits stored per statement while the run goes on, so an interrupted run keeps what it checked. */
const storeBatch = 100;

/** `smtp-desk dns --all`: audit every active domain, store each result, print the fleet summary. */
export async function auditAll(io: CliIo, concurrency: number): Promise<number> {
  return withContext(io, async (context) => {
    const db = context.store.pool;
    const domains = (await listDomains(db, 'active')).map((row) => row.domain);
    if (domains.length === 0) {
      writeLine(io.stdout, 'no active domains to audit (domains appear with their first import, webhook event or daily sends)');
      return exitCodes.ok;
    }
    let pending: DnsAudit[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      await insertDnsAudits(db, batch);
    };
    const audits = await auditFleet(domains, { ...auditOptionsFrom(context.config), now: context.now }, concurrency, async (audit) => {
      pending.push(audit);
      if (pending.length >= storeBatch) await flush();
    });
    await flush();
    writeLine(io.stdout, renderFleetSummary(summariseFleet(audits)));
    const worst = verdictOf(audits.flatMap((audit) => audit.findings));
    return worst === 'fail' ? exitCodes.checksFailed : worst === 'error' ? exitCodes.failure : exitCodes.ok;
  });
}
