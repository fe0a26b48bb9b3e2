import type { Explanation } from './explain.js';
import { actionLabels, categoryLabels, retryLabels, stageLabels } from './labels.js';
import { providerName } from './providers.js';
import { sourcesOf } from './sources.js';

/** The code part of a heading: "550 5.7.26", or the provider when the text had no code. */
export function codeLabel(explanation: Explanation): string {
  const codes = [explanation.reply_code, explanation.enhanced_code].filter((code) => code !== null).join(' ');
  return codes || providerName(explanation.provider) || 'SMTP';
}

/** How many other recipients a rendering lists one by one before it only counts the rest. */
export const otherRecipientsShown = 10;

/** Where the reply came from, as one line ("Recipient: a@b.com · Stage: RCPT TO · Server: mx.b.com"), or null. */
export function whereLine(explanation: Explanation): string | null {
  const parts: string[] = [];
  if (explanation.recipient !== null) parts.push(`Recipient: ${explanation.recipient}`);
  if (explanation.smtp_stage !== null) parts.push(`Stage: ${stageLabels[explanation.smtp_stage]}`);
  if (explanation.remote_host !== null) parts.push(`Server: ${explanation.remote_host}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/**
 * One line per failed recipient after the first (at most `otherRecipientsShown`), then how many
 * more: "lee@b.com: 550 5.1.1 · Invalid recipient · RCPT TO".
 */
export function otherRecipientLines(explanation: Explanation): string[] {
  const others = (explanation.recipients ?? []).slice(1);
  const lines = others.slice(0, otherRecipientsShown).map((other) => {
    const codes = [other.reply_code, other.enhanced_code].filter((code) => code !== null).join(' ');
    const parts = [codes, categoryLabels[other.category], other.smtp_stage === null ? '' : stageLabels[other.smtp_stage]].filter((part) => part !== '');
    return `${other.recipient ?? 'unnamed recipient'}: ${parts.join(' · ')}`;
  });
  const more = others.length - otherRecipientsShown;
  if (more > 0) lines.push(`… and ${more} more recipient${more === 1 ? '' : 's'}`);
  return lines;
}

/** A plain-text rendering of an explanation, for terminals and logs. */
export function renderExplanation(explanation: Explanation): string {
  const provider = providerName(explanation.provider);
  const lines = [
    `${codeLabel(explanation)} · ${explanation.title}`,
    `${retryLabels[explanation.class]} · ${categoryLabels[explanation.category]} · ${actionLabels[explanation.action]}`,
  ];
  const where = whereLine(explanation);
  if (where !== null) lines.push(where);
  lines.push(
    '',
    `Meaning: ${explanation.meaning}`,
  );
  if (explanation.provider_meaning !== null) lines.push(`${provider ?? 'Provider'}: ${explanation.provider_meaning}`);
  lines.push(`Cold email: ${explanation.cold_email}`, '', 'Next steps:');
  explanation.next_steps.forEach((step, index) => lines.push(`  ${index + 1}. ${step}`));
  const others = otherRecipientLines(explanation);
  if (others.length > 0) lines.push('', 'Other recipients:', ...others.map((line) => `  ${line}`));
  const sources = sourcesOf(explanation);
  if (sources.length > 0) lines.push('', `Sources: ${sources.join(', ')}`);
  return lines.join('\n');
}
