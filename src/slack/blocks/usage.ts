import type { KnownBlock } from '@slack/types';
import { capitalize } from '../../health/format.js';
import { escapeMrkdwn } from './mrkdwn.js';

const examples: readonly (readonly [string, string])[] = [
  ['/smtp 550 5.7.26', 'explain a reply code and enhanced status code'],
  ['/smtp 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred', 'explain a whole bounce line; the provider is recognised from the text'],
  ['/smtp <paste a bounce>', 'paste a bounce excerpt (Diagnostic-Code, Status, the remote server\'s reply)'],
  ['/smtp digest', 'show yesterday\'s domain-health digest (the last complete day, as the daily post judges it)'],
  ['/smtp domain example.com', 'show one sending domain\'s health and actions'],
  ['/smtp dns example.com', 'check a domain\'s SPF, DMARC, DKIM, MX and blocklists: what is wrong and how to fix it'],
  ['/smtp help', 'show this help'],
];

const intro = 'smtp-desk explains SMTP bounces for cold-email teams: what the code means, whether to retry, and what to do next.';

/** What the CLI and Slack both say when the input holds no code or bounce wording to explain. */
export const nothingRecognised = 'no SMTP code or known bounce wording found';

/** Plain-text usage, for notification text, the console and the CLI. */
export const usageText = [intro, '', 'Usage:', ...examples.map(([command, what]) => `  ${command}  ${what}`)].join('\n');

/** Usage as Block Kit, for `/smtp help` and for input where nothing was recognised. */
export function usageBlocks(): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: examples.map(([command, what]) => `\`${escapeMrkdwn(command)}\`  ${escapeMrkdwn(what)}`).join('\n') },
    },
  ];
}

const unrecognisedLine = `${capitalize(nothingRecognised)}.`;

/** The answer to text where nothing was recognised: saying so (as the CLI does), then the usage. */
export const unrecognisedText = `${unrecognisedLine}\n\n${usageText}`;

export function unrecognisedBlocks(): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text: unrecognisedLine } }, ...usageBlocks()];
}
