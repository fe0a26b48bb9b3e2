import { findCodes, type CodeMention } from './codes.js';
import type { SmtpStage } from './phrases.js';
import { localPartUnit, normalise } from './text.js';
import { findWording, type WordingHit } from './wording.js';

/** What a bounce says about one failed recipient, before any reason is decided. */
export interface RecipientPart {
  recipient: string | null;
  remote_host: string | null;
  smtp_stage: SmtpStage | null;
  /** The final reply: the last permanent one when the text lists several attempts. */
  reply_code: number | null;
  enhanced_code: string | null;
  /** Reason phrases about this recipient (a superseded attempt's wording left out). */
  hits: WordingHit[];
  /** Reason phrases of the report's opening, to fall back on when the recipient's own say nothing. */
  preamble: WordingHit[];
  /** The reporting MTA gave up after temporary failures (expiry wording, or Action: failed with 4.x.x). */
  expired: boolean;
  /** Only a delay warning: the message is still being retried. */
  delayed: boolean;
  /** The report says it has given up for good (for texts without a reply code). */
  permanent: boolean;
  /** This recipient's part of the text (normalised), for provider signatures and provider readings. */
  text: string;
  /** The same, lower-cased. */
  lower: string;
}

export interface Report {
  /** The normalised text the positions refer to. */
  text: string;
  /** At least one: a text without any recipient yields one part with `recipient: null`. */
  parts: [RecipientPart, ...RecipientPart[]];
}

interface Range {
  start: number;
  end: number;
}

interface AddressMention {
  at: number;
  end: number;
  address: string;
  /** Introduced as a failed recipient (a DSN field, a list line, "delivered to", "RCPT TO:"), not only quoted. */
  marked: boolean;
}

const domainUnit = /[A-Za-z0-9.-]/;

/** The addresses that are the sender's, a daemon's or an alias of another, never a failed recipient. */
const senderBefore = /(?:mail from:|from:|sender:|return-path:|envelope-from:|sender verify failed for|x-postfix-sender: ?rfc822;|original-recipient: ?rfc822;|expanded from|generated from|header\.from=|smtp\.mailfrom=|sender address|envelope sender|reply-to:|\bby)$/;
const senderAfter = /^[>\s.:]{0,6}(?:sender|domain of sender|\.\.\. sender)/;
const daemon = /^(?:mailer-daemon|postmaster)$/i;
/** What introduces a failed recipient. */
const recipientBefore = /(?:final-recipient: ?rfc822;|rcpt to:|failed:|groups:|delivered to:?|message to|recipients?:|x-failed-recipients:|addresses?:|address\(es\) failed:|permanently:|following recipient:|undeliverable to|delivery to)$/;
const listLine = /(?:^|\n)[ \t]*$/;
const postfixRecipient = /^>?(?::\s|\s\(expanded from)/;
/** An address right after a reply code is quoted by the reply ("550 5.1.1 <a@b>: …"). */
const replyCodeEnd = /(?:^|\s)(?:[245]\d\d|[245]\.\d{1,3}\.\d{1,3})$/;

function findAddresses(text: string, limit: number): AddressMention[] {
  const found: AddressMention[] = [];
  let from = 0;
  for (let at = text.indexOf('@', from); at !== -1 && at < limit; at = text.indexOf('@', from)) {
    let start = at;
    while (start > 0 && at - start < 64 && localPartUnit.test(text[start - 1] ?? '')) start--;
    let end = at + 1;
    while (end < text.length && end - at < 253 && domainUnit.test(text[end] ?? '')) end++;
    while (end > at + 1 && text[end - 1] === '.') end--;
    while (start < at && (text[start] === '.' || text[start] === "'")) start++;
    from = end > at ? end : at + 1;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (local === '' || !/\.[A-Za-z]{2,63}$/.test(domain) || daemon.test(local)) continue;
    const before = text.slice(Math.max(0, start - 48), start).toLowerCase().replace(/[\s<"'([]+$/, '');
    const after = text.slice(end, end + 40).toLowerCase();
    if (senderBefore.test(before) || senderAfter.test(after)) continue;
    const lineStart = listLine.test(text.slice(Math.max(0, start - 48), start).replace(/[<"']+$/, ''));
    const quotedInReply = replyCodeEnd.test(before);
    const marked = !quotedInReply && (recipientBefore.test(before) || lineStart || (text[start - 1] === '<' && postfixRecipient.test(after)));
    found.push({ at: start, end, address: `${local}@${domain}`.toLowerCase(), marked });
  }
  return found;
}

function inRanges(ranges: readonly Range[], at: number): boolean {
  for (const range of ranges) if (at >= range.start && at < range.end) return true;
  return false;
}

/** Where MTAs name the server that replied, each with a word the text must contain first (a cheap guard). */
const remoteHostPatterns: readonly (readonly [string, RegExp])[] = [
  ['remote-mta', /remote-mta: {0,4}dns; {0,4}\[?([a-z0-9][a-z0-9.-]{0,252}[a-z0-9])/i],
  ['host ', /\bhost {1,4}([a-z0-9][a-z0-9.-]{0,252}[a-z0-9]) {0,3}\[[0-9a-f.:]{2,45}\]/i],
  ['remote server at', /\bremote server at {1,3}([a-z0-9][a-z0-9.-]{0,252}[a-z0-9])/i],
  ['talking to', /\bwhile talking to {1,3}([a-z0-9][a-z0-9.-]{0,252}[a-z0-9])/i],
  ['connected to', /\bconnected to {1,3}(\d{1,3}(?:\.\d{1,3}){3}) {1,3}but\b/i],
  [' failed ', /\b(\d{1,3}(?:\.\d{1,3}){3}) {1,3}(?:failed on data command|failed after i sent the message)/i],
  ['does not like', /\b(\d{1,3}(?:\.\d{1,3}){3}) {1,3}does not like recipient/i],
  [']:', /(?:^|\n)[ \t]{0,8}([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}) {0,2}\[\d{1,3}(?:\.\d{1,3}){3}\]:/i],
];

/** Any of the guard words, in one pass: most replies name no remote host at all. */
const anyRemoteHostWord = new RegExp(remoteHostPatterns.map(([word]) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

function remoteHost(text: string, lower: string): string | null {
  if (!anyRemoteHostWord.test(lower)) return null;
  for (const [word, pattern] of remoteHostPatterns) {
    if (!lower.includes(word)) continue;
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

/** How far before a recipient's part a stage marker still counts for it ("after RCPT TO:<addr>"). */
const stageReach = 48;

const actionField = /\baction: {0,4}(failed|delayed|delivered|relayed|expanded)\b/i;
const statusField = /\bstatus: {0,4}([245])\.\d{1,3}\.\d{1,3}\b/i;

function classDigit(code: number | string): string {
  return String(code)[0] ?? '';
}

/** The final reply among a part's code mentions: the last permanent one, else the last temporary, else the last. */
function finalReply(codes: readonly CodeMention[]): CodeMention | undefined {
  const replies = codes.filter((code) => code.reply !== null && code.anchored);
  const pool = replies.length > 0 ? replies : codes.filter((code) => code.reply !== null && classDigit(code.reply) !== '2');
  let chosen: CodeMention | undefined;
  for (const wanted of ['5', '4', '3', '2']) {
    for (const code of pool) if (classDigit(code.reply ?? 0) === wanted) chosen = code;
    if (chosen) return chosen;
  }
  return undefined;
}

/** The enhanced code to go with the reply: its own, else a same-class one that says more than X.0.0. */
function enhancedFor(codes: readonly CodeMention[], reply: CodeMention | undefined): string | null {
  if (reply?.enhanced) {
    if (!reply.enhanced.endsWith('.0.0')) return reply.enhanced;
  }
  const klass = reply?.reply !== null && reply?.reply !== undefined ? classDigit(reply.reply) : null;
  const candidates = codes.filter((code) => code.enhanced !== null && (klass === null || classDigit(code.enhanced) === klass));
  const anchored = candidates.filter((code) => code.anchored || code.reply !== null);
  const pool = anchored.length > 0 ? anchored : candidates;
  const specific = pool.find((code) => !code.enhanced?.endsWith('.0.0'));
  return specific?.enhanced ?? reply?.enhanced ?? pool[0]?.enhanced ?? null;
}

function stageNear(hits: readonly WordingHit[], at: number | undefined): SmtpStage | null {
  let best: SmtpStage | null = null;
  let distance = Infinity;
  for (const hit of hits) {
    if (hit.meaning.kind !== 'stage') continue;
    const gap = at === undefined ? 0 : Math.abs(hit.end - at);
    if (gap <= distance) {
      best = hit.meaning.stage;
      distance = gap;
    }
  }
  return best;
}

/** A stage marker that ends right before a recipient's part ("after RCPT TO:<addr>"), or null. */
function stageJustBefore(hits: readonly WordingHit[], start: number): SmtpStage | null {
  let stage: SmtpStage | null = null;
  for (const hit of hits) {
    if (hit.end > start) break;
    if (hit.meaning.kind === 'stage' && hit.end > start - stageReach) stage = hit.meaning.stage;
  }
  return stage;
}

/**
 * Hits that sit in the text of an attempt the final reply superseded: from a reply of another
 * class (or code) up to the next reply.
 */
function supersededRanges(codes: readonly CodeMention[], final: CodeMention | undefined): Range[] {
  if (!final) return [];
  const replies = codes.filter((code) => code.reply !== null && code.anchored);
  const ranges: Range[] = [];
  replies.forEach((code, index) => {
    if (code.reply === final.reply) return;
    ranges.push({ start: code.at, end: replies[index + 1]?.at ?? Infinity });
  });
  return ranges;
}

interface ReportSignals {
  delayed: boolean;
  permanent: boolean;
}

function partOf(report: string, recipient: string | null, ranges: readonly Range[], codes: readonly CodeMention[], hits: readonly WordingHit[], preamble: WordingHit[], signals: ReportSignals): RecipientPart {
  const text = ranges.length === 1 && ranges[0] ? report.slice(ranges[0].start, ranges[0].end) : ranges.map(({ start, end }) => report.slice(start, end)).join('\n');
  const lower = text.toLowerCase();
  const own = codes.filter((code) => inRanges(ranges, code.at));
  const ownHits = hits.filter((hit) => inRanges(ranges, hit.end - 1));
  const final = finalReply(own);
  const superseded = supersededRanges(own, final);
  const action = lower.includes('action:') ? actionField.exec(text)?.[1]?.toLowerCase() : undefined;
  const status = action !== undefined && lower.includes('status:') ? statusField.exec(text)?.[1] : undefined;
  const expired = ownHits.some((hit) => hit.meaning.kind === 'expiry') || (action === 'failed' && status === '4');
  const delayed = !expired && (action === 'delayed' || (signals.delayed && action !== 'failed' && classDigit(final?.reply ?? 0) !== '5'));
  return {
    recipient,
    remote_host: remoteHost(text, lower),
    smtp_stage: stageNear(ownHits, final?.at) ?? stageJustBefore(hits, ranges[0]?.start ?? 0),
    reply_code: final?.reply ?? null,
    enhanced_code: enhancedFor(own, final),
    hits: ownHits.filter((hit) => hit.meaning.kind === 'reason' && !inRanges(superseded, hit.end - 1)),
    preamble,
    expired,
    delayed,
    permanent: signals.permanent || action === 'failed',
    text,
    lower,
  };
}

/** Reads the structure of a bounce: which recipients failed, and for each the host, stage and final reply. */
export function readReport(input: string): Report {
  const text = normalise(input);
  const allHits = findWording(text);
  const cut = allHits.find((hit) => hit.meaning.kind === 'returned_message');
  const limit = cut ? cut.end : text.length;
  const hits = cut ? allHits.filter((hit) => hit.end <= limit) : allHits;
  const codes = findCodes(text, limit);
  const signals: ReportSignals = {
    delayed: hits.some((hit) => hit.meaning.kind === 'delay'),
    permanent: hits.some((hit) => hit.meaning.kind === 'permanent'),
  };
  const addresses = text.includes('@') ? findAddresses(text, limit) : [];
  const marked = addresses.filter((mention) => mention.marked);

  if (marked.length === 0) {
    const recipient = addresses[0]?.address ?? null;
    return { text, parts: [partOf(text, recipient, [{ start: 0, end: limit }], codes, hits, [], signals)] };
  }

  const order: string[] = [];
  const rangesOf = new Map<string, Range[]>();
  marked.forEach((mention, index) => {
    const end = marked[index + 1]?.at ?? limit;
    let ranges = rangesOf.get(mention.address);
    if (!ranges) {
      ranges = [];
      rangesOf.set(mention.address, ranges);
      order.push(mention.address);
    }
    ranges.push({ start: mention.at, end });
  });
  const opening = marked[0]?.at ?? 0;
  const preamble = hits.filter((hit) => hit.end <= opening && hit.meaning.kind === 'reason');
  const preambleExpired = hits.some((hit) => hit.end <= opening && hit.meaning.kind === 'expiry');
  // A reply before the first named recipient (a one-line paste) belongs to that recipient.
  const firstRanges = rangesOf.get(order[0] ?? '');
  if (firstRanges?.[0] && codes.some((code) => code.at < opening && code.anchored && code.reply !== null)) firstRanges[0] = { start: 0, end: firstRanges[0].end };
  const [first, ...rest] = order.map((address) => {
    const part = partOf(text, address, rangesOf.get(address) ?? [], codes, hits, preamble, signals);
    return preambleExpired && !part.expired ? { ...part, expired: true } : part;
  });
  return { text, parts: [first ?? partOf(text, null, [{ start: 0, end: limit }], codes, hits, [], signals), ...rest] };
}
