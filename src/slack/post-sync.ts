import { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import type { SyncReporter } from '../sync/worker.js';
import { slackClientOptions } from './client-options.js';
import { escapeMrkdwn } from './blocks/mrkdwn.js';
import { retrySlack, slackErrorCode } from './retry.js';

type WebClient = webApi.WebClient;

export function syncSlackClient(context: Pick<AppContext, 'config' | 'logger'>): WebClient {
  return new webApi.WebClient(context.config.SLACK_BOT_TOKEN, slackClientOptions(context.config, context.logger));
}

/**
 * Says a settled sync where its decision was said: a reply in the decision's thread (or in the
 * channel of an ephemeral card). A decision from the CLI has no thread: its line goes to the log.
 */
export function slackSyncReporter(context: Pick<AppContext, 'logger'>, client: WebClient): SyncReporter {
  return async (row, sentence) => {
    if (!row.slack_channel) {
      context.logger.info(`sync of a CLI decision: ${sentence}`);
      return;
    }
    const channel = row.slack_channel;
    const text = escapeMrkdwn(sentence);
    try {
      await retrySlack(() => client.chat.postMessage({ channel, text, ...(row.slack_thread_ts ? { thread_ts: row.slack_thread_ts } : {}) }));
    } catch (error) {
      context.logger.warn(`saying "${sentence}" in ${channel} failed: ${slackErrorCode(error) ?? (error as Error).message}`);
    }
  };
}
