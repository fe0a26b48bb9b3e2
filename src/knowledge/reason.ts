import { reasonIds, reasons, type ReasonId, type SmtpStage } from './phrases.js';
import { providerReadings, type ProviderReading } from './provider-readings.js';
import { detectProvider, type ProviderId } from './providers.js';
import { classOfDigit, lookupEnhanced, lookupReply, type EnhancedMatch } from './registry.js';
import type { ReplyEntry } from './reply-codes.js';
import type { RecipientPart } from './report.js';
import type { AuthCheck, Category, MatchKind, Reading, ReplyClass } from './types.js';
import type { WordingHit } from './wording.js';

/** Everything decided about one recipient's reply, before any sentence is written. */
export interface Resolution {
  recipient: string | null;
  remote_host: string | null;
  smtp_stage: SmtpStage | null;
  reply_code: number | null;
  enhanced_code: string | null;
  provider: ProviderId | null;
  klass: ReplyClass;
  reply: ReplyEntry | undefined;
  enhanced: EnhancedMatch | undefined;
  /** The provider's own reading, when one matched. */
  rule: ProviderReading | undefined;
  /** The reading the wording decided, when no provider reading did. */
  wording: Reading | undefined;
  expired: boolean;
  matched: MatchKind;
  /** The reading that decides category, action and guidance. */
  reading: Reading;
}

type CodeTest = (reply: number | null, enhanced: string | null) => boolean;

function compileCode(spec: string): CodeTest {
  if (/^\d{3}$/.test(spec)) {
    const code = Number(spec);
    return (reply) => reply === code;
  }
  const range = /^(\d\.\d{1,3}\.)(\d{1,3})-(\d{1,3})$/.exec(spec);
  if (range) {
    const [, prefix = '', low, high] = range;
    return (_reply, enhanced) => {
      if (enhanced === null || !enhanced.startsWith(prefix)) return false;
      const detail = Number(enhanced.slice(prefix.length));
      return detail >= Number(low) && detail <= Number(high);
    };
  }
  return (_reply, enhanced) => enhanced === spec;
}

interface CompiledReading {
  rule: ProviderReading;
  codes: readonly CodeTest[];
}

const readingsByProvider = new Map<ProviderId, CompiledReading[]>();
for (const rule of providerReadings) {
  const list = readingsByProvider.get(rule.provider) ?? [];
  list.push({ rule, codes: (rule.codes ?? []).map(compileCode) });
  readingsByProvider.set(rule.provider, list);
}

function providerReading(provider: ProviderId | null, reply: number | null, enhanced: string | null, lower: string): ProviderReading | undefined {
  const readings = provider ? readingsByProvider.get(provider) : undefined;
  for (const { rule, codes } of readings ?? []) {
    if (codes.length > 0 && !codes.some((test) => test(reply, enhanced))) continue;
    if (rule.text && !rule.text.test(lower)) continue;
    return rule;
  }
  return undefined;
}

const nothing: Reading = { title: 'No SMTP code recognised', meaning: '', category: 'unknown' };

/** Where receivers use a code otherwise than the registry words it, read by the code alone. */
const receiverUsage: Readonly<Record<string, Reading>> = {
  '5.4.4': {
    title: 'Recipient domain cannot be routed',
    meaning: 'Receivers send a permanent 5.4.4 when the recipient\'s domain has no MX or address records: the domain cannot take mail.',
    category: 'invalid_recipient',
  },
};

/** The code-based reading: a receiver's use of the code, a specific enhanced code, then a decisive reply, then the rest. */
function codeReading(reply: ReplyEntry | undefined, enhanced: EnhancedMatch | undefined, enhancedCode: string | null): Reading {
  if (enhancedCode !== null && receiverUsage[enhancedCode]) return receiverUsage[enhancedCode];
  if (reply?.overridesEnhanced && (enhancedCode === null || enhancedCode.split('.')[1] === '7')) return reply;
  if (enhanced?.exact && !enhanced.key.endsWith('.0')) return enhanced.entry;
  if (reply && (reply.decisive || !enhanced || enhanced.key === '0.0')) return reply;
  return enhanced?.entry ?? reply ?? nothing;
}

const genericReasons: ReadonlySet<ReasonId> = new Set(['server', 'policy']);
const beforeContent: ReadonlySet<SmtpStage> = new Set(['connect', 'helo', 'mail_from', 'rcpt_to']);
const aboutTheSendingHost: ReadonlySet<SmtpStage> = new Set(['connect', 'helo']);
const aboutTheRecipient: ReadonlySet<ReasonId> = new Set(['unknown_user', 'recipient_generic', 'disabled']);

/**
 * The reason the wording shows, by the precedence of `reasonIds`, with what the stage and the
 * reply class allow: spam wording before the message was sent means the sender's reputation;
 * a recipient-shaped reason at MAIL FROM is about the sender's own address; at connect or HELO a
 * generic refusal is about the sending IP; greylisting needs a temporary reply; a missing domain
 * with a temporary reply is a DNS hiccup.
 */
function reasonOf(hits: readonly WordingHit[], stage: SmtpStage | null, klass: ReplyClass): ReasonId | undefined {
  const present = new Set<ReasonId>();
  for (const hit of hits) if (hit.meaning.kind === 'reason') present.add(hit.meaning.reason);
  for (const id of reasonIds) {
    if (!present.has(id)) continue;
    if (reasons[id].onlyTemporary && klass === 'permanent') continue;
    if (id === 'no_such_domain' && klass === 'transient') return stage === 'mail_from' ? 'sender_domain' : 'dns_temporary';
    if (stage === 'mail_from' && id === 'no_such_domain') return 'sender_domain';
    if (stage === 'mail_from' && aboutTheRecipient.has(id)) return 'sender_rejected';
    if (stage !== null && beforeContent.has(stage) && reasons[id].needsContent) return 'reputation';
    if (stage !== null && aboutTheSendingHost.has(stage) && (id === 'policy' || id === 'recipient_generic')) return 'reputation';
    return id;
  }
  return undefined;
}

const authOrder: readonly AuthCheck[] = ['dmarc', 'multiple', 'ptr', 'spf', 'dkim'];
const authTitles: Record<AuthCheck, string> = {
  dmarc: 'DMARC check failed',
  multiple: 'Unauthenticated sender',
  ptr: 'No valid reverse DNS (PTR)',
  spf: 'SPF check failed',
  dkim: 'DKIM check failed',
};

function authOf(hits: readonly WordingHit[]): AuthCheck {
  const named = new Set<AuthCheck>();
  for (const hit of hits) if (hit.meaning.kind === 'reason' && hit.meaning.auth) named.add(hit.meaning.auth);
  if (named.has('spf') && named.has('dkim')) named.add('multiple');
  return authOrder.find((check) => named.has(check)) ?? 'multiple';
}

function wordingReading(id: ReasonId, hits: readonly WordingHit[]): Reading {
  const { category, title, meaning } = reasons[id];
  if (id !== 'authentication') return { category, title, meaning };
  const auth = authOf(hits);
  return { category, title: authTitles[auth], meaning, auth };
}

function classOf(reply: number | null, enhanced: string | null, rule: ProviderReading | undefined, part: RecipientPart): ReplyClass {
  if (reply !== null) return classOfDigit(String(reply)[0]);
  if (enhanced !== null) return classOfDigit(enhanced[0]);
  if (rule?.klass) return rule.klass;
  if (part.delayed) return 'transient';
  return part.permanent || part.expired ? 'permanent' : 'unknown';
}

function matchKind(rule: ProviderReading | undefined, reply: ReplyEntry | undefined, enhanced: EnhancedMatch | undefined): MatchKind {
  if (rule) return 'provider';
  if (enhanced) return enhanced.exact ? 'enhanced' : 'enhanced_class';
  return reply ? 'reply' : 'none';
}

function isFailure(category: Category): boolean {
  return category !== 'delivered' && category !== 'unknown';
}

/** Codes given beside the text (a sequencer's export columns) win over codes found in it. */
export interface GivenCodes {
  reply_code?: number | null;
  enhanced_code?: string | null;
}

/** Decide how one recipient's reply reads: provider reading, wording, then the codes. */
export function resolvePart(part: RecipientPart, given: GivenCodes = {}): Resolution {
  const { lower } = part;
  let replyCode = given.reply_code ?? part.reply_code;
  const enhancedCode = given.enhanced_code ?? part.enhanced_code;
  const provider = detectProvider(lower, enhancedCode);
  const hits = part.hits.some((hit) => hit.meaning.kind === 'reason') ? part.hits : part.preamble;
  // A 2xx next to failure wording is not the receiver's answer (a size, a count): drop it.
  if (replyCode !== null && replyCode < 300 && given.reply_code == null && reasonOf(hits, part.smtp_stage, 'permanent') !== undefined) replyCode = null;
  const rule = providerReading(provider, replyCode, enhancedCode, lower);
  const klass = classOf(replyCode, enhancedCode, rule, part);
  const found = rule ? undefined : reasonOf(hits, part.smtp_stage, klass);
  // Generic server or policy wording says less than a decisive reply code (421: the receiver is throttling).
  const reason = found && genericReasons.has(found) && lookupReply(replyCode)?.decisive ? undefined : found;
  const wording = reason ? wordingReading(reason, hits) : undefined;
  const reply = lookupReply(replyCode);
  const enhanced = lookupEnhanced(enhancedCode);
  const decided = rule?.reading ?? wording ?? codeReading(reply, enhanced, enhancedCode);
  const delivered = klass === 'success' && decided !== reply && !isFailure(wording?.category ?? 'unknown');
  const reading: Reading = delivered ? { ...decided, category: 'delivered', action: 'none' } : decided;
  return {
    recipient: part.recipient,
    remote_host: part.remote_host,
    smtp_stage: part.smtp_stage,
    reply_code: replyCode,
    enhanced_code: enhancedCode,
    provider,
    klass,
    reply,
    enhanced,
    rule,
    wording,
    expired: part.expired,
    matched: matchKind(rule, reply, enhanced),
    reading,
  };
}
