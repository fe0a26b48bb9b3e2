import { explain, isRecognised } from '../../../knowledge/explain.js';
import { explanationBlocks, explanationText } from '../../blocks/explanation.js';
import { unrecognisedBlocks, unrecognisedText, usageBlocks, usageText } from '../../blocks/usage.js';
import type { AppContext } from '../../../context.js';
import { digestSubcommand } from './digest.js';
import { dnsSubcommand } from './dns.js';
import { domainSubcommand } from './domain.js';
import type { CommandArgs, Subcommand } from './subcommand.js';

const help: Subcommand = {
  name: 'help',
  async handle({ ack }) {
    await ack({ response_type: 'ephemeral', text: usageText, blocks: usageBlocks() });
  },
};

const subcommands: Subcommand[] = [help, digestSubcommand, domainSubcommand, dnsSubcommand];

/** When no sub-command matches, the whole text is a code or bounce to explain (if nothing is recognised: saying so, and the usage). */
const lookup: Subcommand = {
  name: 'lookup',
  async handle(args, text) {
    const explanation = explain(text);
    if (!isRecognised(explanation)) {
      await args.ack({ response_type: 'ephemeral', text: unrecognisedText, blocks: unrecognisedBlocks() });
      return;
    }
    await args.ack({ response_type: 'ephemeral', text: explanationText(explanation), blocks: explanationBlocks(explanation) });
  },
};

export function smtpCommand(context: AppContext) {
  return async (args: CommandArgs): Promise<void> => {
    const text = (args.command.text ?? '').trim();
    const [first = '', ...rest] = text.split(/\s+/);
    const subcommand = subcommands.find((candidate) => candidate.name === first.toLowerCase());
    if (text === '') return help.handle(args, '', context);
    if (subcommand) return subcommand.handle(args, rest.join(' '), context);
    return lookup.handle(args, text, context);
  };
}
