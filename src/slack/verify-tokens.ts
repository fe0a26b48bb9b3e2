import { webApi } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Config } from '../config.js';
import { UserFacingError } from '../errors.js';
import { slackReason, slackRequestReason } from '../faults.js';
import { slackClientOptions } from './client-options.js';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Asks Slack whether it takes the bot token (auth.test) and, in Socket Mode, the app token
 * (apps.connections.open), before smtp-desk says it is ready. A refusal becomes one line naming
 * the variable; the bot's ids are returned so Bolt need not ask again.
 */
export async function verifySlackTokens(config: Config, logger: Logger): Promise<BotIdentity> {
  const options = slackClientOptions(config, logger);
  const auth = await new webApi.WebClient(config.SLACK_BOT_TOKEN, options).auth
    .test()
    .catch((error: unknown) => Promise.reject(refusal('SLACK_BOT_TOKEN', config, error)));
  if (config.SLACK_APP_TOKEN) {
    await new webApi.WebClient(config.SLACK_APP_TOKEN, options).apps.connections
      .open()
      .catch((error: unknown) => Promise.reject(refusal('SLACK_APP_TOKEN', config, error)));
  }
  return { botId: auth.bot_id ?? '', botUserId: auth.user_id ?? '' };
}

function refusal(variable: string, config: Config, error: unknown): unknown {
  const refused = slackReason(error);
  if (refused) return new UserFacingError(`Slack refused ${variable} (${refused})`);
  const unreachable = slackRequestReason(error);
  if (unreachable) return new UserFacingError(`cannot check ${variable} with Slack at ${config.SLACK_API_URL}: ${unreachable}`);
  return error;
}
