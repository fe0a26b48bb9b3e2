import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type Receiver } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { slackClientOptions } from './client-options.js';
import { registerListeners } from './listeners/index.js';
import { refusingFutureTimestamps } from './request-age.js';

export interface SlackAppOptions {
  context: AppContext;
  /** How events arrive: buildReceiver's choice from the config, or the local console's own. */
  receiver: Receiver;
  /** The bot's own ids when already known; without them Bolt asks Slack with auth.test. */
  identity?: { botId: string; botUserId: string };
}

/** Socket Mode when SLACK_APP_TOKEN is set, else HTTP with /slack/events beside the plain `routes`. */
export function buildReceiver(context: AppContext, routes: CustomRoute[]): HTTPReceiver | SocketModeReceiver {
  const { config, logger } = context;
  if (config.SLACK_APP_TOKEN) {
    return new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger,
      customRoutes: routes,
      installerOptions: { port: config.PORT, clientOptions: slackClientOptions(config, logger) },
    });
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    customRoutes: routes,
    logger,
  });
  receiver.requestListener = refusingFutureTimestamps(receiver.requestListener);
  return receiver;
}

export function createSlackApp({ context, receiver, identity }: SlackAppOptions): App {
  const app = new App({
    token: context.config.SLACK_BOT_TOKEN,
    ...identity,
    receiver,
    logger: context.logger,
    // Bolt resets a given logger to INFO unless told its level.
    logLevel: context.logger.getLevel(),
    clientOptions: slackClientOptions(context.config, context.logger),
  });
  registerListeners(app, context);
  return app;
}
