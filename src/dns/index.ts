// The DNS and blocklist doctor: every check over an injected resolver, results as status objects.
export { auditDomain, seconds, type AuditOptions, type DnsAudit } from './audit.js';
export { defaultDomainZones, type BlocklistSettings } from './blocklists.js';
export { defaultDkimSelectors } from './dkim-selectors.js';
export { couldNotCheck, findingCodes, nothingChecked, verdictOf, type Finding, type FindingCode, type Severity, type Verdict } from './findings.js';
export { auditResolver, type AuditResolver, type DnsSettings, type Resolver } from './resolver.js';
export { auditOptionsFrom, type DnsConfig } from './options.js';
export { problemSummary } from './brief.js';
