/** Receivers, security gateways and blocklists whose replies smtp-desk recognises. */
export const providerNames = {
  gmail: 'Gmail / Google Workspace',
  microsoft: 'Microsoft 365 / Outlook.com',
  yahoo: 'Yahoo / AOL',
  apple: 'Apple iCloud Mail',
  orange: 'Orange',
  free: 'Free',
  sfr: 'SFR',
  laposte: 'La Poste',
  telefonica: 'Telefónica / Movistar',
  mimecast: 'Mimecast',
  proofpoint: 'Proofpoint',
  barracuda: 'Barracuda',
  spamhaus: 'Spamhaus',
  spamcop: 'SpamCop',
  sorbs: 'SORBS',
} as const;

export type ProviderId = keyof typeof providerNames;

/** The display name of a provider id, or null for none or an id smtp-desk does not know. */
export function providerName(provider: string | null): string | null {
  return provider !== null && Object.hasOwn(providerNames, provider) ? providerNames[provider as ProviderId] : null;
}

type Signature = readonly [ProviderId, RegExp];

/**
 * How a provider shows itself in lower-cased reply text, strongest evidence first: its own reply
 * markers and receiving hosts, then security gateways and blocklists (a mailbox provider quoting
 * Spamhaus is still that provider), then bare domain mentions such as a recipient address.
 * Every pattern is a plain alternation of literals, so matching stays linear in the text.
 */
const signatures: readonly Signature[] = [
  ['microsoft', /\b(?:a?s3150|a?s3140|s3115|s775|as\d{3,9}|rp-00[1-3]|sc-00[1-4]|dy-00[12]|ou-00[12])\b|storedrv|resolver\.(?:adr|rst)|protection\.outlook\.com|sender\.office\.com|postmaster\.live\.com|mail\.live\.com|submission ?quota|pfa agent|exchange online|recipient address rejected: access denied/],
  ['yahoo', /\b(?:tss\d\d|ts0\d|ph01|bl2[13])\b|yahooinc|postmaster\.yahoo|yahoodns|yahoo requires/],
  ['apple', /\b(?:hme1|cs01)\b|support\.apple\.com|icloud\.com|smtpin\d*\.me\.com/],
  ['gmail', /\bgsmtp\b|\bgcdp\b|google\.com|googlemail|gmail requires|google's/],
  ['orange', /\b(?:ofr|ouk)[a-z]{0,3}\d{0,3}_\d{3}\b|orange\.fr|wanadoo/],
  ['free', /\bfree\.fr\b|too many spams from your ip/],
  ['sfr', /\bsfr\.fr|\bneuf\.fr|rejected per spam policy/],
  ['laposte', /\blpn[a-z]{0,3}\d{0,3}_\d{3}\b|laposte/],
  ['telefonica', /telefonica|movistar/],
  ['mimecast', /mimecast|envelope blocked|local ct ip reputation|anti-spoofing policy|host network not allowed|sender invalid - envelope rejected|header-based blocked senders|email rejected due to security policies|this route requires encryption|ip temporarily blacklisted|internal resources are temporarily unavailable/],
  ['proofpoint', /proofpoint|pphosted/],
  ['barracuda', /barracuda/],
  ['spamhaus', /spamhaus/],
  ['spamcop', /spamcop/],
  ['sorbs', /\bsorbs\b/],
  ['gmail', /\bgmail\b|\bgoogle\b/],
  ['microsoft', /outlook\.com|hotmail|\blive\.com|\bmsn\.com|office365|microsoft/],
  ['yahoo', /yahoo|\baol\.(?:com|jp)\b/],
  ['apple', /icloud|\bme\.com\b|\bmac\.com\b|\bapple\b/],
];

/**
 * Enhanced codes only one provider uses: registered details stop at X.7.30, while Exchange Online
 * numbers its own codes from 100 up (5.7.509, 5.7.606, 4.7.650 …).
 */
const codeSignatures: readonly Signature[] = [['microsoft', /^[45]\.[0-7]\.\d{3}$/]];

/**
 * All signatures in one pattern, each alternative its own group, so one pass finds them. At any
 * position the alternation reports the first signature in priority order that matches there;
 * resuming one unit past each match start visits every position where some signature matches.
 */
const anySignature = new RegExp(signatures.map(([, pattern]) => `(${pattern.source})`).join('|'), 'g');

/** The priority of the signature that matched, from its group. */
function signatureOf(match: RegExpExecArray): number {
  for (let group = 1; group < match.length; group++) if (match[group] !== undefined) return group - 1;
  return signatures.length;
}

/**
 * The provider whose signature shows first in priority order, or null. `lower` is the lower-cased
 * text; `enhancedCode` the enhanced status code found in it, consulted when the text says nothing.
 */
export function detectProvider(lower: string, enhancedCode: string | null): ProviderId | null {
  let best = signatures.length;
  anySignature.lastIndex = 0;
  for (let match = anySignature.exec(lower); match !== null && best > 0; match = anySignature.exec(lower)) {
    best = Math.min(best, signatureOf(match));
    anySignature.lastIndex = match.index + 1;
  }
  const signature = signatures[best];
  if (signature) return signature[0];
  if (enhancedCode === null) return null;
  for (const [provider, pattern] of codeSignatures) {
    if (pattern.test(enhancedCode)) return provider;
  }
  return null;
}
