import { classOfDigit, lookupEnhanced, lookupReply, type EnhancedMatch } from './lookup.js';
import type { Parsed } from './parse.js';
import type { ProviderId } from './providers.js';
import type { ReplyEntry } from './reply-codes.js';
import { providerRules, wordingRules, type Rule } from './rules.js';
import type { MatchKind, Reading, ReplyClass } from './types.js';

/** Everything the lookups decided about one reply, before any sentence is written. */
export interface Resolution {
  reply_code: number | null;
  enhanced_code: string | null;
  provider: ProviderId | null;
  klass: ReplyClass;
  reply: ReplyEntry | undefined;
  enhanced: EnhancedMatch | undefined;
  rule: Rule | undefined;
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

interface CompiledRule {
  rule: Rule;
  codes: readonly CodeTest[];
}

function compile(rule: Rule): CompiledRule {
  return { rule, codes: (rule.codes ?? []).map(compileCode) };
}

const rulesByProvider = new Map<ProviderId, CompiledRule[]>();
for (const rule of providerRules) {
  if (rule.provider === null) continue;
  const list = rulesByProvider.get(rule.provider) ?? [];
  list.push(compile(rule));
  rulesByProvider.set(rule.provider, list);
}
const anyReceiver = wordingRules.map(compile);

function firstMatch(rules: readonly CompiledRule[], parsed: Parsed): Rule | undefined {
  for (const { rule, codes } of rules) {
    if (codes.length > 0 && !codes.some((test) => test(parsed.reply_code, parsed.enhanced_code))) continue;
    if (rule.text && !rule.text.test(parsed.haystack)) continue;
    return rule;
  }
  return undefined;
}

const nothing: Reading = { title: 'No SMTP code recognised', meaning: '', category: 'unknown' };

function classOf(codes: Pick<Parsed, 'reply_code' | 'enhanced_code'>, rule: Rule | undefined): ReplyClass {
  if (codes.reply_code !== null) return classOfDigit(String(codes.reply_code)[0]);
  if (codes.enhanced_code !== null) return classOfDigit(codes.enhanced_code[0]);
  return rule?.klass ?? 'unknown';
}

/** The code-based reading: a specific enhanced code first, then a decisive reply, then the rest. */
function codeReading(reply: ReplyEntry | undefined, enhanced: EnhancedMatch | undefined): Reading {
  if (enhanced?.exact && !enhanced.key.endsWith('.0')) return enhanced.entry;
  if (reply && (reply.decisive || !enhanced || enhanced.key === '0.0')) return reply;
  return enhanced?.entry ?? reply ?? nothing;
}

function matchKind(rule: Rule | undefined, reply: ReplyEntry | undefined, enhanced: EnhancedMatch | undefined): MatchKind {
  if (rule?.provider) return 'provider';
  if (enhanced) return enhanced.exact ? 'enhanced' : 'enhanced_class';
  return reply ? 'reply' : 'none';
}

/** Decide how a parsed reply reads: provider rule, wording rule, or the registries. */
export function resolve(parsed: Parsed): Resolution {
  const providerSpecific = parsed.provider ? rulesByProvider.get(parsed.provider) : undefined;
  const rule = (providerSpecific && firstMatch(providerSpecific, parsed)) ?? firstMatch(anyReceiver, parsed);
  const reply = lookupReply(parsed.reply_code);
  const enhanced = lookupEnhanced(parsed.enhanced_code);
  const klass = classOf(parsed, rule);
  const decided = rule?.reading ?? codeReading(reply, enhanced);
  const reading: Reading = klass === 'success' && decided !== reply ? { ...decided, category: 'delivered', action: 'none' } : decided;
  return {
    reply_code: parsed.reply_code,
    enhanced_code: parsed.enhanced_code,
    provider: parsed.provider,
    klass,
    reply,
    enhanced,
    rule,
    matched: matchKind(rule, reply, enhanced),
    reading,
  };
}
