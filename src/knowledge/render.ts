import type { Explanation } from './explain.js';
import { actionLabels, categoryLabels, retryLabels } from './labels.js';
import { providerName } from './providers.js';
import { sourcesOf } from './sources.js';

/** The code part of a heading: "550 5.7.26", or the provider when the text had no code. */
export function codeLabel(explanation: Explanation): string {
  const codes = [explanation.reply_code, explanation.enhanced_code].filter((code) => code !== null).join(' ');
  return codes || providerName(explanation.provider) || 'SMTP';
}

/** A plain-text rendering of an explanation, for terminals and logs. */
export function renderExplanation(explanation: Explanation): string {
  const provider = providerName(explanation.provider);
  const lines = [
    `${codeLabel(explanation)} · ${explanation.title}`,
    `${retryLabels[explanation.class]} · ${categoryLabels[explanation.category]} · ${actionLabels[explanation.action]}`,
    '',
    `Meaning: ${explanation.meaning}`,
  ];
  if (explanation.provider_meaning !== null) lines.push(`${provider ?? 'Provider'}: ${explanation.provider_meaning}`);
  lines.push(`Cold email: ${explanation.cold_email}`, '', 'Next steps:');
  explanation.next_steps.forEach((step, index) => lines.push(`  ${index + 1}. ${step}`));
  const sources = sourcesOf(explanation);
  if (sources.length > 0) lines.push('', `Sources: ${sources.join(', ')}`);
  return lines.join('\n');
}
