import { dnsError, finding, type Finding } from './findings.js';
import { lookup, type Resolver } from './resolver.js';
import { hasMacro, isSpfRecord, lookupMechanisms, parseSpf, type SpfTerm } from './spf-record.js';

export const spfLookupLimit = 10;
export const spfVoidLimit = 2;
/** Walking stops once a tree has cost this many lookups: far past the limit, and it bounds include loops. */
const walkCap = 50;

interface Walk {
  lookups: number;
  voids: string[];
  syntax: string[];
  ptr: string[];
  unchecked: string[];
}

type SpfFetch =
  | { kind: 'record'; text: string }
  | { kind: 'void' }
  | { kind: 'not_spf'; problem: string }
  | { kind: 'error'; reason: string };

async function fetchSpf(resolve: Resolver, domain: string): Promise<SpfFetch> {
  const answer = await lookup(resolve, domain, 'TXT');
  if (answer.kind === 'error') return answer;
  if (answer.kind === 'none') return { kind: 'void' };
  const records = answer.records.map((strings) => strings.join('')).filter(isSpfRecord);
  if (records.length === 1) return { kind: 'record', text: records[0]! };
  return { kind: 'not_spf', problem: records.length === 0 ? 'has no SPF record' : `has ${records.length} SPF records` };
}

/** Is there an A or AAAA record for `name`, or why that could not be checked. */
async function hasAddress(resolve: Resolver, name: string): Promise<{ found: boolean } | { reason: string }> {
  const [a, aaaa] = await Promise.all([lookup(resolve, name, 'A'), lookup(resolve, name, 'AAAA')]);
  if (a.kind === 'records' || aaaa.kind === 'records') return { found: true };
  if (a.kind === 'error') return { reason: a.reason };
  if (aaaa.kind === 'error') return { reason: aaaa.reason };
  return { found: false };
}

/** Costs one lookup for `term`, then follows it: every branch of the tree, in parallel. */
async function followTerm(resolve: Resolver, walk: Walk, term: SpfTerm, domain: string, path: readonly string[]): Promise<void> {
  const label = path.length > 1 ? `${term.text} (in ${domain})` : term.text;
  if (term.kind === 'mechanism' && term.name === 'ptr') walk.ptr.push(label);
  walk.lookups++;
  if (walk.lookups > walkCap) return;
  const target = (term.kind === 'modifier' ? term.value : term.target) ?? domain;
  // ptr depends on the sender's IP; a macro on the sender; an include without a domain is already malformed.
  const unfollowable = term.kind === 'mechanism' && (term.name === 'ptr' || (term.target === null && (term.name === 'include' || term.name === 'exists')));
  if (unfollowable || hasMacro(target)) return;
  if (term.kind === 'modifier' || term.name === 'include') {
    if (path.includes(target.toLowerCase())) {
      walk.syntax.push(`${label} loops back to ${target}`);
      return;
    }
    const fetched = await fetchSpf(resolve, target);
    if (fetched.kind === 'error') walk.unchecked.push(`${label}: ${fetched.reason}`);
    else if (fetched.kind === 'void') {
      walk.voids.push(target);
      walk.syntax.push(`${label}: ${target} has no SPF record`);
    } else if (fetched.kind === 'not_spf') walk.syntax.push(`${label}: ${target} ${fetched.problem}`);
    else await walkRecord(resolve, walk, fetched.text, target, [...path, target.toLowerCase()]);
    return;
  }
  if (term.name === 'mx') {
    const answer = await lookup(resolve, target, 'MX');
    if (answer.kind === 'error') walk.unchecked.push(`${label}: ${answer.reason}`);
    else if (answer.kind === 'none') walk.voids.push(target);
    return;
  }
  const address = await hasAddress(resolve, target);
  if ('reason' in address) walk.unchecked.push(`${label}: ${address.reason}`);
  else if (!address.found) walk.voids.push(target);
}

async function walkRecord(resolve: Resolver, walk: Walk, text: string, domain: string, path: readonly string[]): Promise<void> {
  const parsed = parseSpf(text);
  const where = path.length > 1 ? ` (in ${domain})` : '';
  walk.syntax.push(...parsed.errors.map((error) => `${error}${where}`));
  const costly = parsed.terms.filter(
    (term) => (term.kind === 'mechanism' && lookupMechanisms.has(term.name)) || (term.kind === 'modifier' && term.name === 'redirect' && !hasAll(parsed.terms)),
  );
  await Promise.all(costly.map((term) => followTerm(resolve, walk, term, domain, path)));
}

const hasAll = (terms: readonly SpfTerm[]) => terms.some((term) => term.kind === 'mechanism' && term.name === 'all');

/** The `all` that ends evaluation: the record's own, or (without one) its redirect target's. */
async function finalAll(resolve: Resolver, text: string, hops = 0): Promise<{ text: string; qualifier: string } | null> {
  const { terms } = parseSpf(text);
  const all = terms.find((term) => term.kind === 'mechanism' && term.name === 'all');
  if (all?.kind === 'mechanism') return { text: all.text, qualifier: all.qualifier };
  const redirect = terms.find((term) => term.kind === 'modifier' && term.name === 'redirect');
  if (redirect?.kind !== 'modifier' || hasMacro(redirect.value) || hops >= 10) return null;
  const target = await fetchSpf(resolve, redirect.value);
  return target.kind === 'record' ? finalAll(resolve, target.text, hops + 1) : null;
}

const allFindings: Record<string, (all: string) => Finding> = {
  '+': (all) =>
    finding('spf_plus_all', `SPF ends in ${all}: it allows every server on the internet to send as this domain`, null, 'Replace +all with ~all (or -all once every sending service is listed).'),
  '?': (all) =>
    finding('spf_neutral_all', `SPF ends in ${all}: receivers get a neutral result for any sender, so SPF protects nothing and earns no trust`, null, 'Replace ?all with ~all (or -all once every sending service is listed).'),
};

const list = (items: readonly string[]) => items.join('; ');

/** SPF for `domain`: one record, well-formed, within the lookup limits over its whole include tree, a strict `all`. */
export async function checkSpf(resolve: Resolver, domain: string): Promise<Finding[]> {
  const answer = await lookup(resolve, domain, 'TXT');
  if (answer.kind === 'error') return [dnsError(`SPF could not be checked: the TXT lookup of ${domain} got ${answer.reason}`, `${domain} TXT`)];
  const records = answer.kind === 'records' ? answer.records.map((strings) => strings.join('')).filter(isSpfRecord) : [];
  if (records.length === 0) {
    return [
      finding(
        'spf_missing',
        `${domain} has no SPF record: receivers cannot tell which servers may send as it, and Gmail, Yahoo and Microsoft reject or junk bulk mail without one`,
        null,
        `Publish one TXT record at ${domain}: "v=spf1 include:<your mail provider's SPF domain> ~all" (Google Workspace: include:_spf.google.com; Microsoft 365: include:spf.protection.outlook.com).`,
      ),
    ];
  }
  if (records.length > 1) {
    return [
      finding(
        'spf_multiple',
        `${domain} has ${records.length} SPF records: receivers treat that as a permanent error (permerror), so SPF fails for all of its mail`,
        records.join('\n'),
        'Merge them into one v=spf1 record that keeps every include:, ip4: and ip6: term once and ends in a single ~all, then delete the others.',
      ),
    ];
  }
  const record = records[0]!;
  const walk: Walk = { lookups: 0, voids: [], syntax: [], ptr: [], unchecked: [] };
  const [, all] = await Promise.all([walkRecord(resolve, walk, record, domain, [domain.toLowerCase()]), finalAll(resolve, record)]);
  const findings: Finding[] = [];
  const add = (item: Finding) => findings.push({ ...item, record: item.record ?? record });
  if (walk.syntax.length > 0) {
    add(finding('spf_syntax', `SPF is malformed: ${list(walk.syntax)}. Receivers treat that as a permanent error (permerror)`, null, 'Correct or remove the terms named here; the record must parse, and every include: must point at a domain with exactly one SPF record.'));
  }
  if (walk.lookups > spfLookupLimit) {
    const counted = walk.lookups > walkCap ? `more than ${walkCap}` : String(walk.lookups);
    add(finding('spf_too_many_lookups', `SPF needs ${counted} DNS lookups across its include tree (the limit is ${spfLookupLimit}): receivers return permerror, so SPF fails`, null, 'Drop includes of services you no longer send through, replace a and mx terms with ip4:/ip6: ranges, or move a sending service to its own subdomain, until the whole tree needs 10 lookups or fewer.'));
  }
  if (walk.voids.length > spfVoidLimit) {
    add(finding('spf_too_many_void_lookups', `SPF has ${walk.voids.length} lookups that find nothing (the limit is ${spfVoidLimit}): ${list(walk.voids)}`, null, `Remove the terms that point at names with no records: ${walk.voids.join(', ')}.`));
  }
  if (all === null) {
    if (!hasAll(parseSpf(record).terms) && walk.unchecked.length === 0) {
      add(finding('spf_no_all', 'SPF has no all term: mail from servers it does not list gets a neutral result instead of a soft fail', null, 'End the record with ~all (or -all once every sending service is listed).'));
    }
  } else {
    const judged = allFindings[all.qualifier];
    if (judged) add(judged(all.text));
  }
  if (walk.ptr.length > 0) {
    add(finding('spf_ptr', `SPF uses ptr (${list(walk.ptr)}): it is slow, unreliable, and RFC 7208 says not to use it; some receivers ignore it`, null, 'Replace ptr with the ip4:/ip6: ranges or include: of the servers it was meant to cover.'));
  }
  if (walk.unchecked.length > 0) {
    add(dnsError(`SPF could not be checked completely: ${list(walk.unchecked)}`, null));
  }
  if (findings.length === 0) {
    add(finding('spf_ok', `one SPF record, ${walk.lookups} of ${spfLookupLimit} DNS lookups, ${walk.voids.length} of ${spfVoidLimit} void lookups, ends in ${all?.text ?? 'all'}`));
  }
  return findings;
}
