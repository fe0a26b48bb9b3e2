import net from 'node:net';
import { finding, retryFix, type Finding } from './findings.js';
import { lookup, type Resolver } from './resolver.js';

/** How a list's answers read: one meaning per address, or bits of the last octet (127.0.0.x). */
type Decoding = { kind: 'codes'; codes: Record<string, string> } | { kind: 'bits'; bits: Record<number, string> };

export interface Blocklist {
  /** The public zone, as DNSBL_ZONES names it. */
  zone: string;
  name: string;
  kind: 'domain' | 'ip';
  decoding: Decoding;
  /** Answers of this list that mean it refused to answer, not that anything is listed. */
  refusals: Record<string, string>;
  /** Spamhaus' keyed zone (Data Query Service), used when SPAMHAUS_DQS_KEY is set. */
  dqsZone?: (key: string) => string;
  removal: string;
}

const spamhausRemoval = 'Find and stop what got it listed, then look it up and request removal at https://check.spamhaus.org/.';

export const knownBlocklists: readonly Blocklist[] = [
  {
    zone: 'dbl.spamhaus.org',
    name: 'Spamhaus DBL',
    kind: 'domain',
    decoding: {
      kind: 'codes',
      codes: {
        '127.0.1.2': 'a spam domain',
        '127.0.1.4': 'a phishing domain',
        '127.0.1.5': 'a malware domain',
        '127.0.1.6': 'a botnet controller domain',
        '127.0.1.102': 'an abused legitimate domain (spam)',
        '127.0.1.103': 'an abused redirector or URL shortener',
        '127.0.1.104': 'an abused legitimate domain (phishing)',
        '127.0.1.105': 'an abused legitimate domain (malware)',
        '127.0.1.106': 'an abused legitimate domain (botnet controller)',
      },
    },
    refusals: { '127.0.1.255': 'it refuses IP-address queries' },
    dqsZone: (key) => `${key}.dbl.dq.spamhaus.net`,
    removal: spamhausRemoval,
  },
  {
    zone: 'multi.surbl.org',
    name: 'SURBL',
    kind: 'domain',
    decoding: { kind: 'bits', bits: { 8: 'phishing', 16: 'malware', 64: 'spam and abuse', 128: 'a cracked (hijacked) site' } },
    refusals: { '127.0.0.1': 'it blocks queries from this resolver' },
    removal: 'Clean up what got it listed, then check and request removal at https://surbl.org/surbl-analysis.',
  },
  {
    zone: 'multi.uribl.com',
    name: 'URIBL',
    kind: 'domain',
    decoding: { kind: 'bits', bits: { 2: 'black (spam domain)', 4: 'grey (bulk mail domain)', 8: 'red (new domain seen in spam)' } },
    refusals: { '127.0.0.1': 'it refuses queries from this resolver (blocked or over its free limit)' },
    removal: 'Clean up what got it listed, then request removal at https://admin.uribl.com/.',
  },
  {
    zone: 'zen.spamhaus.org',
    name: 'Spamhaus ZEN',
    kind: 'ip',
    decoding: {
      kind: 'codes',
      codes: {
        '127.0.0.2': 'SBL: a known spam source',
        '127.0.0.3': 'SBL CSS: a snowshoe spam source',
        '127.0.0.4': 'XBL: an infected or exploited host',
        '127.0.0.5': 'XBL: an infected or exploited host',
        '127.0.0.6': 'XBL: an infected or exploited host',
        '127.0.0.7': 'XBL: an infected or exploited host',
        '127.0.0.9': 'DROP: a hijacked network',
        '127.0.0.10': 'PBL: an end-user address its ISP says should not send mail directly',
        '127.0.0.11': 'PBL: an end-user address that should not send mail directly',
      },
    },
    refusals: {},
    dqsZone: (key) => `${key}.zen.dq.spamhaus.net`,
    removal: spamhausRemoval,
  },
  {
    zone: 'bl.spamcop.net',
    name: 'SpamCop',
    kind: 'ip',
    decoding: { kind: 'codes', codes: { '127.0.0.2': 'reported as a spam source by SpamCop users' } },
    refusals: {},
    removal: 'Stop the mail people report; SpamCop drops the listing about 24 hours after reports stop (https://www.spamcop.net/bl.shtml).',
  },
  {
    zone: 'b.barracudacentral.org',
    name: 'Barracuda',
    kind: 'ip',
    decoding: { kind: 'codes', codes: { '127.0.0.2': 'listed on the Barracuda reputation list' } },
    refusals: {},
    removal: 'Fix the cause, then request removal at https://www.barracudacentral.org/rbl/removal-request.',
  },
];

export const defaultDomainZones = knownBlocklists.filter((list) => list.kind === 'domain').map((list) => list.zone);
const ipLists = knownBlocklists.filter((list) => list.kind === 'ip');

/** Answers in 127.255.255.0/24 mean the list refused the query, from any list (Spamhaus' codes). */
const refusedEverywhere: Record<string, string> = {
  '127.255.255.252': 'the query named the list wrongly',
  '127.255.255.254': 'it refuses queries sent through public or open resolvers',
  '127.255.255.255': 'this resolver sent it too many queries (rate limited)',
};

/** The list for a DNSBL_ZONES entry: a known one with its decoding, or any other zone read the usual way. */
export function blocklistFor(zone: string): Blocklist {
  const known = knownBlocklists.find((list) => list.zone === zone.toLowerCase());
  return known ?? { zone, name: zone, kind: 'domain', decoding: { kind: 'codes', codes: {} }, refusals: {}, removal: `Clean up what got it listed, then follow ${zone}'s removal process.` };
}

type Reading = { kind: 'listed'; meaning: string } | { kind: 'refused'; why: string };

function read(list: Blocklist, address: string): Reading {
  const refusal = list.refusals[address] ?? refusedEverywhere[address] ?? (address.startsWith('127.255.255.') ? 'it refused the query' : undefined);
  if (refusal) return { kind: 'refused', why: refusal };
  if (!address.startsWith('127.')) return { kind: 'refused', why: `it answered ${address}, which is not a list answer (a resolver that rewrites NXDOMAIN?)` };
  if (list.decoding.kind === 'codes') return { kind: 'listed', meaning: list.decoding.codes[address] ?? `listed (answer ${address})` };
  const last = Number(address.split('.')[3]);
  const meanings = Object.entries(list.decoding.bits).filter(([bit]) => (last & Number(bit)) !== 0).map(([, meaning]) => meaning);
  return { kind: 'listed', meaning: meanings.length > 0 ? meanings.join(', ') : `listed (answer ${address})` };
}

/** The IP as DNS lists and reverse zones want it: IPv4 octets or IPv6 nibbles, last first. */
export function reversedIp(ip: string): string {
  if (net.isIPv4(ip)) return ip.split('.').reverse().join('.');
  const groups = ip.split('::');
  const head = groups[0] ? groups[0].split(':') : [];
  const tail = groups[1] ? groups[1].split(':') : [];
  const full = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return full.map((group) => group.padStart(4, '0')).join('').split('').reverse().join('.');
}

const listAccessFix = "Query the lists through your own recursive resolver (DNS_SERVERS) rather than a public one, or set SPAMHAUS_DQS_KEY for Spamhaus' keyed service.";

export interface BlocklistSettings {
  /** Zones for the domain (DNSBL_ZONES); the IP lists are always Spamhaus ZEN, SpamCop and Barracuda. */
  domainZones: readonly string[];
  spamhausDqsKey: string | undefined;
}

export type Outcome = { list: Blocklist; query: string; shown: string } & ({ kind: 'clear' } | { kind: 'listed'; meanings: string[]; answers: string[] } | { kind: 'unavailable'; why: string });

async function query(resolve: Resolver, list: Blocklist, subject: string, dqsKey: string | undefined): Promise<Outcome> {
  const keyed = dqsKey && list.dqsZone ? list.dqsZone(dqsKey) : null;
  const zone = keyed ?? list.zone;
  const name = `${subject}.${zone}`;
  const shown = keyed ? `${subject}.${list.dqsZone!('<SPAMHAUS_DQS_KEY>')}` : name;
  const answer = await lookup(resolve, name, 'A');
  const base = { list, query: name, shown };
  if (answer.kind === 'none') return { ...base, kind: 'clear' };
  if (answer.kind === 'error') return { ...base, kind: 'unavailable', why: `the lookup got ${answer.reason}` };
  const readings = answer.records.map((address) => read(list, address));
  const meanings: string[] = [];
  for (const reading of readings) {
    if (reading.kind === 'refused') return { ...base, kind: 'unavailable', why: `${reading.why} (answer ${answer.records.join(', ')})` };
    meanings.push(reading.meaning);
  }
  return { ...base, kind: 'listed', meanings, answers: answer.records };
}

function findingsOf(outcomes: readonly Outcome[], subject: string, listedCode: 'blocklisted' | 'ip_blocklisted', note: string): Finding[] {
  const findings: Finding[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'listed') {
      findings.push(finding(listedCode, `${subject} is listed on ${outcome.list.name}: ${[...new Set(outcome.meanings)].join('; ')}`, `${outcome.shown} A ${outcome.answers.join(', ')}`, outcome.list.removal));
    } else if (outcome.kind === 'unavailable') {
      findings.push(finding('blocklist_unavailable', `${outcome.list.name} could not be checked for ${subject}: ${outcome.why}`, `${outcome.shown} A`, outcome.why.includes('resolver') ? listAccessFix : retryFix));
    }
  }
  const clear = outcomes.filter((outcome) => outcome.kind === 'clear');
  if (clear.length > 0 && !findings.some((item) => item.code === listedCode)) {
    findings.push(finding('not_blocklisted', `${subject}${note} is not on ${clear.map((outcome) => outcome.list.name).join(', ')}`, null));
  }
  return findings;
}

/** The domain against its blocklists (DNSBL_ZONES), each answer decoded; refusals are "could not check". */
export async function checkDomainBlocklists(resolve: Resolver, domain: string, settings: BlocklistSettings): Promise<Finding[]> {
  const lists = settings.domainZones.map(blocklistFor);
  const outcomes = await Promise.all(lists.map((list) => query(resolve, list, domain, settings.spamhausDqsKey)));
  return findingsOf(outcomes, domain, 'blocklisted', '');
}

/** An IP against Spamhaus ZEN, SpamCop and Barracuda: the answers, read by ipBlocklistFindings. */
export function queryIpBlocklists(resolve: Resolver, ip: string, settings: BlocklistSettings): Promise<Outcome[]> {
  return Promise.all(ipLists.map((list) => query(resolve, list, reversedIp(ip), settings.spamhausDqsKey)));
}

/** Findings of the IP lists; `note` says what else is known about the IP (its reverse DNS). */
export function ipBlocklistFindings(outcomes: readonly Outcome[], ip: string, note: string): Finding[] {
  return findingsOf(outcomes, ip, 'ip_blocklisted', note);
}
