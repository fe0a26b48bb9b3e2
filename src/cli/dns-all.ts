import { verdictOf } from '../dns/index.js';
import { renderFleetSummary, summariseFleet } from '../dns/fleet.js';
import { auditActiveDomains } from '../jobs/fleet-dns-audit.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo } from './io.js';

/** `smtp-desk dns --all`: audit every active domain, store each result, print the fleet summary. */
export async function auditAll(io: CliIo, concurrency: number): Promise<number> {
  return withContext(io, async (context) => {
    const audits = await auditActiveDomains(context, concurrency);
    if (audits.length === 0) {
      writeLine(io.stdout, 'no active domains to audit (domains appear with their first import, webhook event or daily sends)');
      return exitCodes.ok;
    }
    writeLine(io.stdout, renderFleetSummary(summariseFleet(audits)));
    const worst = verdictOf(audits.flatMap((audit) => audit.findings));
    return worst === 'fail' ? exitCodes.checksFailed : worst === 'error' ? exitCodes.failure : exitCodes.ok;
  });
}
