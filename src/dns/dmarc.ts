import getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record.js';
import { dnsError, finding, type Finding } from './findings.js';
import { describeDnsError, type Resolver } from './resolver.js';

const isDmarcRecord = (text: string) => /^v=DMARC1\b/i.test(text.trim());
const policies = ['none', 'quarantine', 'reject'];

/** Tag checks of RFC 7489 §6.3 that mailauth's parser does not make; each names what is wrong. */
const tagRules: Record<string, { valid: (value: string) => boolean; expected: string }> = {
  p: { valid: (value) => policies.includes(value.toLowerCase()), expected: 'none, quarantine or reject' },
  sp: { valid: (value) => policies.includes(value.toLowerCase()), expected: 'none, quarantine or reject' },
  pct: { valid: (value) => /^\d{1,3}$/.test(value) && Number(value) <= 100, expected: 'a whole number from 0 to 100' },
  adkim: { valid: (value) => /^[rs]$/i.test(value), expected: 'r or s' },
  aspf: { valid: (value) => /^[rs]$/i.test(value), expected: 'r or s' },
  rua: { valid: (value) => value.split(',').every((uri) => /^mailto:[^@\s]+@[^@\s!]+(?:![0-9]+[kmgt]?)?$/i.test(uri.trim())), expected: 'comma-separated mailto: addresses' },
  ruf: { valid: (value) => value.split(',').every((uri) => /^mailto:[^@\s]+@[^@\s!]+(?:![0-9]+[kmgt]?)?$/i.test(uri.trim())), expected: 'comma-separated mailto: addresses' },
  fo: { valid: (value) => /^[01ds](?::[01ds])*$/i.test(value), expected: '0, 1, d or s, colon-separated' },
  ri: { valid: (value) => /^\d+$/.test(value), expected: 'a number of seconds' },
};

function tagsOf(record: string): { tags: Map<string, string>; errors: string[] } {
  const tags = new Map<string, string>();
  const errors: string[] = [];
  for (const part of record.split(';').map((piece) => piece.trim()).filter((piece) => piece !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0) {
      errors.push(`"${part}" is not a tag=value pair`);
      continue;
    }
    tags.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  for (const [tag, value] of tags) {
    const rule = tagRules[tag];
    if (rule && !rule.valid(value)) errors.push(`${tag}=${value} should be ${rule.expected}`);
  }
  if (!tags.has('p')) errors.push('there is no p= tag (the policy)');
  return { tags, errors };
}

/**
 * DMARC for `domain`: mailauth finds the record that applies (at _dmarc.<domain>, else at the
 * organisational domain) through our resolver; the answers it saw tell "several records" from "none".
 */
export async function checkDmarc(resolve: Resolver, domain: string): Promise<Finding[]> {
  const seen = new Map<string, string[]>();
  const watching = async (name: string, rrtype: 'TXT') => {
    const rows = await resolve(name, rrtype);
    seen.set(name.toLowerCase(), rows.map((strings) => strings.join('')).filter(isDmarcRecord));
    return rows;
  };
  let found: Awaited<ReturnType<typeof getDmarcRecord>>;
  try {
    found = await getDmarcRecord(domain, watching);
  } catch (error) {
    return [dnsError(`DMARC could not be checked: the TXT lookup of _dmarc.${domain} got ${describeDnsError(error)}`, `_dmarc.${domain} TXT`)];
  }
  const ownName = `_dmarc.${domain.toLowerCase()}`;
  const several = [...seen].find(([name, records]) => records.length > 1 && (name === ownName || !found));
  if (several) {
    const [name, records] = several;
    return [finding('dmarc_multiple', `${name} has ${records.length} DMARC records: receivers then apply no DMARC policy at all`, records.join('\n'), `Keep one v=DMARC1 record at ${name} and delete the others.`)];
  }
  if (!found) {
    return [
      finding(
        'dmarc_missing',
        `no DMARC record at _dmarc.${domain}${seen.size > 1 ? ' or at its organisational domain' : ''}: Gmail and Yahoo require one from bulk senders, and nothing tells receivers what to do with mail that fails SPF and DKIM`,
        null,
        `Publish a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}", then move to p=quarantine and p=reject as the reports show your mail passing.`,
      ),
    ];
  }
  const record = found.rr;
  const at = found.isOrgRecord ? [...seen.keys()].at(-1) ?? ownName : ownName;
  const shown = `${at}: ${record}`;
  const { tags, errors } = tagsOf(record);
  if (errors.length > 0) {
    return [finding('dmarc_syntax', `the DMARC record at ${at} is malformed: ${errors.join('; ')}`, shown, 'Rewrite it as "v=DMARC1; p=<none|quarantine|reject>; rua=mailto:<address>" with every tag=value pair separated by a semicolon.')];
  }
  const findings: Finding[] = [];
  const policyTag = found.isOrgRecord && tags.has('sp') ? 'sp' : 'p';
  const policy = tags.get(policyTag)!.toLowerCase();
  const pct = tags.has('pct') ? Number(tags.get('pct')) : 100;
  const inherited = found.isOrgRecord ? ` (inherited from ${at})` : '';
  if (policy === 'none' || pct === 0) {
    const what = policy === 'none' ? `${policyTag}=none` : `${policyTag}=${policy} with pct=0`;
    findings.push(finding('dmarc_policy_none', `DMARC ${what}${inherited}: receivers only report, they act on nothing that fails`, shown, 'Once the rua reports show your own mail passing, move to p=quarantine, then p=reject (none → quarantine → reject).'));
  }
  if (!tags.has('rua')) {
    findings.push(finding('dmarc_no_rua', `DMARC has no rua=${inherited}: you get no aggregate reports, so you cannot see which of your mail fails or who sends as you`, shown, `Add rua=mailto:dmarc-reports@${domain} (or your DMARC vendor's address) to the record.`));
  }
  if (findings.length === 0) {
    const share = pct < 100 ? `, applied to ${pct} % of failing mail` : '';
    findings.push(finding('dmarc_ok', `DMARC ${policyTag}=${policy}${share}, reports to ${tags.get('rua')}${inherited}`, shown));
  }
  return findings;
}
