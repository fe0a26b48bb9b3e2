import type { BounceRecord } from '../store/bounce-record.js';
import type { ComplaintRecord } from '../store/complaints.js';
import type { DomainInput, InboxInput, StatusChange } from '../store/fleet.js';
import type { SendRecord } from '../store/sends.js';
import { domainFacts } from './domain-facts.js';
import { fleetShape, planDomain, type DemoOptions } from './fleet.js';
import type { Role } from './roles.js';

/** The rows of a run of consecutive domains, ready for the store. */
export interface FleetBatch {
  domains: DomainInput[];
  inboxes: InboxInput[];
  sends: SendRecord[];
  bounces: BounceRecord[];
  complaints: ComplaintRecord[];
  statusChanges: StatusChange[];
  /** Each domain's role, for the mapping printed after a load. */
  roles: { domain: string; role: Role }[];
}

/**
 * The demo fleet, `batchSize` domains at a time, so a fleet of any size is generated and loaded in
 * constant memory. Pure: the same options give the same batches.
 */
export function* fleetBatches(options: DemoOptions, batchSize: number): Generator<FleetBatch> {
  const shape = fleetShape(options);
  for (let start = 0; start < options.domains; start += batchSize) {
    const batch: FleetBatch = { domains: [], inboxes: [], sends: [], bounces: [], complaints: [], statusChanges: [], roles: [] };
    for (let index = start; index < Math.min(options.domains, start + batchSize); index++) {
      const facts = domainFacts(shape, planDomain(shape, index));
      const { plan } = facts;
      batch.domains.push({ domain: plan.domain, provider: plan.provider });
      batch.inboxes.push(...plan.inboxes.map((address) => ({ address, provider: plan.provider })));
      batch.sends.push(...facts.sends);
      batch.bounces.push(...facts.bounces);
      batch.complaints.push(...facts.complaints);
      batch.statusChanges.push(...facts.statusChanges);
      batch.roles.push({ domain: plan.domain, role: plan.role });
    }
    yield batch;
  }
}
