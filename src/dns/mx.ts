import { dnsError, finding, type Finding } from './findings.js';
import { lookup, type Resolver } from './resolver.js';

const lostMail = 'replies and bounces sent to this domain are lost';

/** Does the host have an address? 'unknown' when that could not be checked. */
async function resolvable(resolve: Resolver, host: string): Promise<boolean | 'unknown'> {
  const [a, aaaa] = await Promise.all([lookup(resolve, host, 'A'), lookup(resolve, host, 'AAAA')]);
  if (a.kind === 'records' || aaaa.kind === 'records') return true;
  return a.kind === 'error' || aaaa.kind === 'error' ? 'unknown' : false;
}

/** MX for `domain`: present, not a null MX (RFC 7505), and at least one host that resolves. */
export async function checkMx(resolve: Resolver, domain: string): Promise<Finding[]> {
  const answer = await lookup(resolve, domain, 'MX');
  if (answer.kind === 'error') return [dnsError(`MX could not be checked: the MX lookup of ${domain} got ${answer.reason}`, `${domain} MX`)];
  const fix = `Publish the MX records your mail provider gives you at ${domain} (Google Workspace: smtp.google.com; Microsoft 365: <tenant>.mail.protection.outlook.com).`;
  if (answer.kind === 'none') {
    const why = answer.nxdomain ? `${domain} does not exist in DNS` : `${domain} has no MX record`;
    return [finding('mx_missing', `${why}: ${lostMail}, and some receivers refuse mail from domains that cannot receive any`, null, fix)];
  }
  const hosts = [...answer.records].sort((a, b) => a.priority - b.priority);
  const record = hosts.map((mx) => `${mx.priority} ${mx.exchange === '' ? '.' : mx.exchange}`).join('\n');
  if (hosts.some((mx) => mx.exchange === '' || mx.exchange === '.')) {
    return [finding('mx_null', `${domain} publishes a null MX ("0 ."): it declares that it accepts no mail, so ${lostMail} and receivers may reject its mail outright`, record, `Replace the null MX with your mail provider's MX records, or stop sending from ${domain}.`)];
  }
  const reachable = await Promise.all(hosts.map((mx) => resolvable(resolve, mx.exchange)));
  const dead = hosts.filter((_, i) => reachable[i] === false).map((mx) => mx.exchange);
  if (reachable.every((value) => value === false)) {
    return [finding('mx_missing', `no MX host of ${domain} resolves (${dead.join(', ')} have no A or AAAA record): ${lostMail}`, record, fix)];
  }
  if (!reachable.includes(true)) {
    return [dnsError(`MX hosts of ${domain} could not be resolved: their address lookups got no answer`, record)];
  }
  const note = dead.length > 0 ? `; ${dead.join(', ')} does not resolve` : '';
  return [finding('mx_ok', `${hosts.length} MX host${hosts.length === 1 ? '' : 's'}, ${hosts[0]!.exchange} first${note}`, record)];
}
