import { authSteps, guidanceFor } from './guidance.js';
import { classOfDigit } from './registry.js';
import type { SmtpStage } from './phrases.js';
import { providerNames } from './providers.js';
import { resolvePart, type Resolution } from './reason.js';
import { readReport } from './report.js';
import type { Action, Category, MatchKind, ReplyClass } from './types.js';

/** One failed recipient of a report that names several. */
export interface RecipientReading {
  recipient: string | null;
  reply_code: number | null;
  enhanced_code: string | null;
  category: Category;
  smtp_stage: SmtpStage | null;
}

/** The one answer smtp-desk gives about a code or bounce: Slack, the console and the CLI show it. */
export interface Explanation {
  input: string;
  reply_code: number | null;
  enhanced_code: string | null;
  class: ReplyClass;
  retry: boolean;
  category: Category;
  action: Action;
  provider: string | null;
  title: string;
  meaning: string;
  provider_meaning: string | null;
  cold_email: string;
  next_steps: string[];
  matched: MatchKind;
  /** The SMTP command the receiver refused, when the report shows it. */
  smtp_stage: SmtpStage | null;
  /** The failed recipient the top-level fields describe (the first one the report names). */
  recipient: string | null;
  /** The server that gave the reply, when the report names it. */
  remote_host: string | null;
  /** Every failed recipient, in report order, when the paste names more than one. */
  recipients?: RecipientReading[];
}

const maxSteps = 4;

const classWords: Record<ReplyClass, string> = {
  success: 'a positive',
  transient: 'a temporary',
  permanent: 'a permanent',
  unknown: 'an unclassified',
};

function replySentence({ reply_code, reply }: Resolution): string | null {
  if (reply_code === null) return null;
  if (reply) return `${reply_code} (${reply.title}): ${reply.meaning}`;
  return `${reply_code} is not a standard reply code; its first digit marks ${classWords[classOfDigit(String(reply_code)[0])]} reply.`;
}

function enhancedSentence({ enhanced_code, enhanced }: Resolution): string | null {
  if (enhanced_code === null || !enhanced) return null;
  const { entry, key, exact } = enhanced;
  if (exact) return `${enhanced_code} (${entry.title}): ${entry.meaning}`;
  return `${enhanced_code} is not in the registry, so it reads as ${enhanced_code[0]}.${key} (${entry.title}): ${entry.meaning}`;
}

/** Says so when the reply code and the enhanced code do not agree on temporary vs permanent. */
function disagreementSentence({ reply_code, enhanced_code, enhanced }: Resolution): string | null {
  if (reply_code === null || enhanced_code === null) return null;
  const replyClass = classOfDigit(String(reply_code)[0]);
  const enhancedClass = classOfDigit(enhanced_code[0]);
  const registered = enhanced?.exact ? enhanced.entry.only : undefined;
  const disagrees = replyClass !== enhancedClass || (registered !== undefined && replyClass !== 'success' && registered !== replyClass);
  if (!disagrees) return null;
  const other = registered && enhancedClass === replyClass ? registered : enhancedClass;
  return `The two codes disagree: ${reply_code} is ${classWords[replyClass]} reply while ${enhanced_code} is registered as ${classWords[other]} status. The reply code decides whether to retry.`;
}

const stageWords: Record<SmtpStage, string> = {
  connect: 'as soon as the connection opened, before any address was sent: a judgement on the sending IP',
  helo: 'at HELO / EHLO, on the sending host\'s name or IP',
  mail_from: 'at MAIL FROM, on the sender address: about your side, not the lead',
  rcpt_to: 'at RCPT TO, on the recipient address',
  data: 'at the DATA command, after the addresses',
  end_of_data: 'after the whole message was sent, on its content or authentication',
  tls: 'while setting up TLS encryption',
};

function meaningOf(resolution: Resolution): string {
  const { rule } = resolution;
  const parts = [replySentence(resolution), enhancedSentence(resolution)].filter((part): part is string => part !== null);
  if (parts.length === 0) {
    parts.push(rule?.provider
      ? `The text carries no standard SMTP code, only ${providerNames[rule.provider]}'s own wording.`
      : 'No SMTP reply code (like 550) or enhanced status code (like 5.7.26) was found in the text.');
  }
  if (resolution.wording) parts.push(resolution.wording.meaning);
  if (resolution.smtp_stage) parts.push(`The receiver refused it ${stageWords[resolution.smtp_stage]}.`);
  if (resolution.expired) parts.push('The reporting server gave up after retrying for too long; the reply shown is the last one it got.');
  const disagreement = disagreementSentence(resolution);
  if (disagreement) parts.push(disagreement);
  return parts.join(' ');
}

/** Explain a code, a bounce line or a whole pasted bounce. Never throws. */
export function explain(input: string): Explanation {
  const [firstPart, ...otherParts] = readReport(input).parts;
  const first = resolvePart(firstPart);
  const explanation = explanationOf(input, first);
  if (otherParts.length > 0) {
    explanation.recipients = [first, ...otherParts.map((part) => resolvePart(part))].map(({ recipient, reply_code, enhanced_code, reading, smtp_stage }) => ({
      recipient,
      reply_code,
      enhanced_code,
      category: reading.category,
      smtp_stage,
    }));
  }
  return explanation;
}

function explanationOf(input: string, resolution: Resolution): Explanation {
  const { reading, klass, rule } = resolution;
  const guidance = guidanceFor(reading.category, klass === 'transient');
  const steps = reading.next_steps ?? (reading.auth ? authSteps[reading.auth] : guidance.next_steps);
  return {
    input,
    reply_code: resolution.reply_code,
    enhanced_code: resolution.enhanced_code,
    class: klass,
    retry: klass === 'transient',
    category: reading.category,
    action: reading.action ?? guidance.action,
    provider: resolution.provider,
    title: reading.title,
    meaning: meaningOf(resolution),
    provider_meaning: rule?.provider ? rule.reading.meaning : null,
    cold_email: reading.cold_email ?? guidance.cold_email,
    next_steps: steps.slice(0, maxSteps),
    matched: resolution.matched,
    smtp_stage: resolution.smtp_stage,
    recipient: resolution.recipient,
    remote_host: resolution.remote_host,
  };
}

/** Whether the explanation found anything to go on: a code, or wording / a marker it knows. */
export function isRecognised(explanation: Explanation): boolean {
  return explanation.matched !== 'none' || explanation.category !== 'unknown';
}
