import net from 'node:net';
import { dnsError, finding, type Finding } from './findings.js';
import { lookup, type Resolver } from './resolver.js';
import { reversedIp } from './blocklists.js';

export type PtrResult = { findings: Finding[]; confirmedName: string | null };

const sameIp = (a: string, b: string) => net.isIP(a) === net.isIP(b) && reversedIp(a) === reversedIp(b);

/** Forward-confirmed reverse DNS: the IP's PTR names a host whose A (or AAAA) records include the IP. */
export async function checkPtr(resolve: Resolver, ip: string): Promise<PtrResult> {
  const reverseName = `${reversedIp(ip)}.${net.isIPv4(ip) ? 'in-addr.arpa' : 'ip6.arpa'}`;
  const answer = await lookup(resolve, reverseName, 'PTR');
  if (answer.kind === 'error') return { findings: [dnsError(`reverse DNS of ${ip} could not be checked: the PTR lookup got ${answer.reason}`, `${reverseName} PTR`)], confirmedName: null };
  const fix = `Ask whoever runs ${ip} (your host or ISP) to set its PTR to the server's hostname (e.g. mail.<your domain>), and give that hostname an ${net.isIPv4(ip) ? 'A' : 'AAAA'} record pointing back to ${ip}.`;
  if (answer.kind === 'none') {
    return { findings: [finding('ptr_missing', `${ip} has no reverse DNS (PTR): Gmail, Microsoft and most receivers reject or junk mail from addresses without one`, null, fix)], confirmedName: null };
  }
  const family = net.isIPv4(ip) ? 'A' : 'AAAA';
  const forward = await Promise.all(answer.records.map((name) => lookup(resolve, name, family)));
  const confirmed = answer.records.find((_, i) => {
    const result = forward[i]!;
    return result.kind === 'records' && result.records.some((address) => sameIp(address, ip));
  });
  if (confirmed) return { findings: [], confirmedName: confirmed };
  const record = `${reverseName} PTR ${answer.records.join(', ')}`;
  if (forward.some((result) => result.kind === 'error')) {
    return { findings: [dnsError(`reverse DNS of ${ip} could not be confirmed: the forward lookup of ${answer.records.join(', ')} got no answer`, record)], confirmedName: null };
  }
  const seen = forward.flatMap((result) => (result.kind === 'records' ? result.records : []));
  const resolvesTo = seen.length > 0 ? `it resolves to ${seen.join(', ')}` : 'it does not resolve';
  return { findings: [finding('ptr_mismatch', `${ip} points to ${answer.records.join(', ')}, but ${resolvesTo}, not back to ${ip}: receivers treat that like no reverse DNS`, record, fix)], confirmedName: null };
}
