import type { MailboxProvider } from '../store/fleet.js';
import { companyDomain, inboxAddresses, sendingDomainName } from './names.js';
import { inboxProfiles, inboxTypeAt, type InboxType } from './profiles.js';
import { randomFor } from './random.js';
import { recipientSystems, type RecipientSystem } from './bounce-texts.js';
import { roleAt, roleSpecs, specialRoleList, type Role, type SpecialRole } from './roles.js';

export interface DemoOptions {
  seed: number;
  domains: number;
  days: number;
  /** `YYYY-MM-DD` (UTC): the last generated day is the day before, the one the digest judges by default. */
  today: string;
}

const dayMs = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The generated UTC days, oldest first; the last one is the day before `today`. */
export function fleetDays(options: Pick<DemoOptions, 'days' | 'today'>): string[] {
  return Array.from({ length: options.days }, (_, i) => addDays(options.today, i - options.days));
}

export interface DomainPlan {
  index: number;
  domain: string;
  role: Role;
  inboxType: InboxType;
  provider: MailboxProvider;
  inboxes: readonly string[];
  /** The sending IP receivers quote (a documentation range, RFC 5737). */
  ip: string;
  sequencer: string;
  campaign: string;
  /** Multiplies the invalid-address rate: how well this domain's lists were verified. */
  listQuality: number;
  /** First UTC hour of the sending window (sendingWindowHours long, US business hours). */
  windowStart: number;
}

/** Hours a day the fleet's inboxes send in. */
export const sendingWindowHours = 9;

const sequencers = ['smartlead', 'instantly', 'lemlist', 'plusvibe'] as const;
const campaigns = [
  'Q4 SaaS CFOs', 'Logistics VPs - US', 'Dental clinics DACH', 'Series A founders', 'Agency owners UK',
  'IT directors mid-market', 'Ecom brands 1-10M', 'HR leaders EMEA', 'Fintech compliance heads', 'Real estate brokers',
] as const;
const ipPrefixes = ['192.0.2', '198.51.100', '203.0.113'] as const;

/** Everything about a fleet that does not depend on one domain: its special roles and the prospects' domains. */
export interface FleetShape {
  options: DemoOptions;
  days: readonly string[];
  specials: readonly SpecialRole[];
  recipientDomains: Readonly<Record<RecipientSystem, readonly string[]>>;
}

/** How many company domains of prospects use each receiving mail system. */
const recipientPoolSizes: Readonly<Record<Exclude<RecipientSystem, 'yahoo'>, number>> = {
  google: 600,
  microsoft: 450,
  mimecast: 60,
  proofpoint: 60,
  postfix: 300,
};

export function fleetShape(options: DemoOptions): FleetShape {
  const random = randomFor(options.seed, 'recipients');
  const recipientDomains = Object.fromEntries(
    recipientSystems.map((system) => [
      system,
      system === 'yahoo' ? ['yahoo.com', 'aol.com'] : Array.from({ length: recipientPoolSizes[system] }, () => companyDomain(random)),
    ]),
  ) as Record<RecipientSystem, string[]>;
  return { options, days: fleetDays(options), specials: specialRoleList(options.domains), recipientDomains };
}

/** The domain at fleet position `index`: a pure function of the seed, the index and the fleet size. */
export function planDomain(shape: FleetShape, index: number): DomainPlan {
  const { seed, domains } = shape.options;
  const random = randomFor(seed, 'domain', index);
  const role = roleAt(shape.specials, domains, index);
  const spec = roleSpecs[role];
  const inboxType = spec.inboxType ?? inboxTypeAt(random.next());
  const profile = inboxProfiles[inboxType];
  const [least, most] = spec.inboxes ?? profile.inboxesPerDomain;
  const domain = sendingDomainName(seed, index);
  return {
    index,
    domain,
    role,
    inboxType,
    provider: profile.provider,
    inboxes: inboxAddresses(random, domain, random.int(least, most)),
    ip: `${random.pick(ipPrefixes)}.${random.int(2, 254)}`,
    sequencer: random.pick(sequencers),
    campaign: random.pick(campaigns),
    listQuality: 0.6 + random.next() * 0.8,
    windowStart: random.int(12, 15),
  };
}
