import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../context.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/smtp` sub-command: the first word of the text selects it; the rest is its argument. */
export interface Subcommand {
  name: string;
  handle(args: CommandArgs, rest: string, context: AppContext): Promise<void>;
}
