import net from 'node:net';
import { domainToASCII } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { auditDomain, couldNotCheck, type DnsAudit, type Finding } from '../dns/index.js';
import { defaultAuditConcurrency } from '../dns/fleet.js';
import { auditOptionsFrom } from '../dns/options.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const dnsUsage = [
  'usage: smtp-desk dns <domain> [--selector S]… [--ip IP]… [--json]',
  '       smtp-desk dns --all [--concurrency N]   (every active domain; results stored)',
].join('\n');

const maxConcurrency = 200;
const hostname = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const selectorName = /^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$/i;

type DnsOptions =
  | { kind: 'help' }
  | { kind: 'one'; domain: string; selectors: string[]; ips: string[]; json: boolean }
  | { kind: 'all'; concurrency: number };

/** Parse the verb's arguments; a string is a usage error to report. */
function parseArguments(argv: string[]): DnsOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        selector: { type: 'string', multiple: true },
        ip: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        all: { type: 'boolean' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.all) {
    if (positionals.length > 0) return '--all audits every active domain; give no domain with it';
    if (values.selector || values.ip || values.json) return '--selector, --ip and --json go with one domain, not with --all';
    const concurrency = values.concurrency === undefined ? defaultAuditConcurrency : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > maxConcurrency) return `--concurrency takes a whole number from 1 to ${maxConcurrency}, not "${values.concurrency}"`;
    return { kind: 'all', concurrency };
  }
  if (values.concurrency !== undefined) return '--concurrency goes with --all';
  if (positionals.length !== 1) return positionals.length === 0 ? 'give the domain to check (or --all)' : `give one domain, not ${positionals.length}`;
  const domain = domainToASCII(positionals[0]!.trim().replace(/\.$/, '')).toLowerCase();
  if (!hostname.test(domain)) return `"${positionals[0]}" is not a domain name`;
  const selectors = values.selector ?? [];
  const badSelector = selectors.find((selector) => !selectorName.test(selector));
  if (badSelector !== undefined) return `--selector "${badSelector}" is not a DKIM selector (letters, digits, -, _ and dots)`;
  const ips = values.ip ?? [];
  const badIp = ips.find((ip) => net.isIP(ip) === 0);
  if (badIp !== undefined) return `--ip "${badIp}" is not an IPv4 or IPv6 address`;
  return { kind: 'one', domain, selectors, ips, json: values.json ?? false };
}

const labels = { fail: 'FAIL', warn: 'WARN', info: 'ok' } as const;
const label = (item: Finding) => (couldNotCheck(item) ? '??' : labels[item.severity]);
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function render(audit: DnsAudit): string {
  const counts = ['fail', 'warn', 'info'].map((severity) => `${audit.findings.filter((item) => item.severity === severity && !couldNotCheck(item)).length} ${severity === 'info' ? 'pass' : severity}`);
  const unknown = audit.findings.filter(couldNotCheck).length;
  if (unknown > 0) counts.push(`${unknown} could not be checked`);
  const lines = [`${audit.domain}: ${audit.verdict} (${counts.join(', ')}) · checked ${when(audit.checked_at)}`];
  for (const item of audit.findings) {
    lines.push(`  ${label(item).padEnd(4)}  ${item.code}: ${item.message}`);
    if (item.record) lines.push(...item.record.split('\n').map((line, i) => `        ${i === 0 ? 'record' : '      '}  ${line}`));
    if (item.fix) lines.push(`        fix     ${item.fix}`);
  }
  return lines.join('\n');
}

const verdictExit = { pass: exitCodes.ok, warn: exitCodes.ok, fail: exitCodes.checksFailed, error: exitCodes.failure } as const;

async function checkOne(io: CliIo, options: Extract<DnsOptions, { kind: 'one' }>): Promise<number> {
  const config = loadConfig(io.env);
  const audit = await auditDomain(options.domain, auditOptionsFrom(config, { selectors: options.selectors, ips: options.ips }));
  const only = audit.findings[0];
  if (options.json) writeLine(io.stdout, JSON.stringify(audit, null, 2));
  else if (audit.findings.length === 1 && only?.code === 'dns_error') writeLine(io.stderr, `smtp-desk dns: could not check ${audit.domain}: ${only.message}`);
  else writeLine(io.stdout, render(audit));
  return verdictExit[audit.verdict];
}

/** `smtp-desk dns`: SPF, DMARC, DKIM, MX and blocklists of a domain (or of every active domain). */
export const dns: Verb = async (argv, io) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk dns: ${options}\n\n${dnsUsage}`);
    return exitCodes.usage;
  }
  if (options.kind === 'help') {
    writeLine(io.stdout, dnsUsage);
    return exitCodes.ok;
  }
  if (options.kind === 'all') return (await import('./dns-all.js')).auditAll(io, options.concurrency);
  return checkOne(io, options);
};
