import type { MailboxProvider } from '../store/fleet.js';
import { fleetShape, planDomain, type DemoOptions, type DomainPlan } from './fleet.js';
import type { Role } from './roles.js';

/** What one DNS name holds in the demo's zone (the shape a local DNS server serves). */
export interface DemoRecords {
  A?: string[];
  TXT?: string[];
  MX?: { exchange: string; priority: number }[];
}

export type DemoZone = Record<string, DemoRecords>;

/** A 2048-bit RSA public key (base64 DER) every demo domain publishes as its DKIM key. */
const dkimKey =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxuhuZ3aaJRLGqAie66MQNxp/M7nC9sfPjipA7fNUM4sXTi/Lva2P432JAtj2bwl/u0P3OIknjrs8RmODXf/Z3jx4+jqlyjGlI9rEZAIbZRigVzDxANpONAnzyw484Q/QJOIG+z/DbCiOp/MjQ3/7DxcX27FQthT3y9v3hJzpXjHz+nbpU+eiMUhgZSWuPVCR+duwsw93V1KHO1h77phxMBBmP6RjWYpGu0BsblbtKdGUKhR8QMi+45O8Iqr76kVosC5HyhssVCLHNgX6UaFqC5dG4Oql0X0Lj8XvPe/3br72LP1jdhkhFGBp97W85b7IQl/fFrQYfuanqqA6zU/ZCwIDAQAB';

/** How each mail provider has its domains set up: the SPF include (or the IP), the DKIM selector, the MX host. */
const providerSetups: Record<MailboxProvider, { spf: (plan: DomainPlan) => string; selector: string; mx: (plan: DomainPlan) => string }> = {
  google: { spf: () => 'include:_spf.google.com', selector: 'google', mx: () => 'aspmx.l.google.com' },
  microsoft: { spf: () => 'include:spf.protection.outlook.com', selector: 'selector1', mx: (plan) => `${plan.domain.replace(/\./g, '-')}.mail.protection.outlook.com` },
  smtp: { spf: (plan) => `ip4:${plan.ip}`, selector: 'default', mx: (plan) => `mx.${plan.domain}` },
  other: { spf: (plan) => `ip4:${plan.ip}`, selector: 'default', mx: (plan) => `mx.${plan.domain}` },
};

/** The providers' own names the domains' records point at (the parts of their zones the checks read). */
const providerZone: DemoZone = {
  '_spf.google.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 ~all'] },
  'spf.protection.outlook.com': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
};

/** A domain's records as the role needs them: sound, unless the role's story is a DNS fault. */
const roleFaults: Partial<Record<Role, (plan: DomainPlan, records: DemoZone) => DemoZone>> = {
  // A second SPF record left from an old sending service (SPF permerror), and DMARC only watching.
  auth_failure: (plan, records) => ({
    [plan.domain]: { ...records[plan.domain], TXT: [...(records[plan.domain]?.TXT ?? []), 'v=spf1 include:mailer.example-esp.com ~all'] },
    [`_dmarc.${plan.domain}`]: { TXT: [`v=DMARC1; p=none; rua=mailto:dmarc@${plan.domain}`] },
  }),
  // Widely blocked: the domain is on Spamhaus' domain blocklist as a spam domain.
  reputation_block_pull: (plan) => ({ [`${plan.domain}.dbl.spamhaus.org`]: { A: ['127.0.1.2'] } }),
};

function domainZone(plan: DomainPlan): DemoZone {
  const setup = providerSetups[plan.provider];
  const mx = setup.mx(plan);
  const records: DemoZone = {
    [plan.domain]: { TXT: [`v=spf1 ${setup.spf(plan)} ~all`], MX: [{ exchange: mx, priority: 10 }] },
    [`_dmarc.${plan.domain}`]: { TXT: [`v=DMARC1; p=quarantine; rua=mailto:dmarc@${plan.domain}`] },
    [`${setup.selector}._domainkey.${plan.domain}`]: { TXT: [`v=DKIM1; k=rsa; p=${dkimKey}`] },
    [mx]: { A: [plan.ip] },
  };
  return { ...records, ...roleFaults[plan.role]?.(plan, records) };
}

/**
 * The DNS of the demo fleet as one zone: every domain's SPF, DMARC, DKIM and MX, sound except where
 * a role's story is a DNS fault (roleFaults). Pure, like the rest of the demo: a test serves it from
 * a local DNS server, so the digest's DNS lines have records to read.
 */
export function demoDnsZone(options: DemoOptions): DemoZone {
  const shape = fleetShape(options);
  const zone: DemoZone = { ...providerZone };
  for (let index = 0; index < options.domains; index++) Object.assign(zone, domainZone(planDomain(shape, index)));
  return zone;
}
