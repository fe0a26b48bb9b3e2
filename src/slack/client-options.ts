import type { webApi } from '@slack/bolt';
import type { Logger } from '@slack/logger';
import type { Config } from '../config.js';

/** Every Slack Web API call gives up after this long without an answer. */
export const slackCallTimeoutMs = 10_000;

export type SlackRetryPolicy = Pick<NonNullable<webApi.WebClientOptions['retryConfig']>, 'retries' | 'factor' | 'minTimeout' | 'maxTimeout' | 'randomize'>;

/** Clicks and commands: a person is waiting, so a few quick retries (0.5, 1, 2 s) and then give up. */
export const interactiveRetryPolicy: SlackRetryPolicy = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: true };

const isTimeout = (error: Error) => (error as { original?: { name?: unknown } }).original?.name === 'TimeoutError';

/**
 * Options of every WebClient smtp-desk makes: SLACK_API_URL, a timeout per call and bounded retries.
 * A call that timed out may have reached Slack, so it is not retried (a post could land twice); the
 * retry timers never keep a stopping process alive. Once `stop` fires, no request leaves and no
 * failed call is tried again.
 */
export function slackClientOptions(config: Config, logger: Logger, policy: SlackRetryPolicy = interactiveRetryPolicy, stop?: AbortSignal): webApi.WebClientOptions {
  // The WebClient hands retryConfig to p-retry, which stops retrying when onFailedAttempt throws.
  const retryConfig = {
    ...policy,
    unref: true,
    onFailedAttempt: (error: Error) => {
      if (isTimeout(error) || stop?.aborted) throw error;
    },
  };
  return { slackApiUrl: config.SLACK_API_URL, logger, timeout: slackCallTimeoutMs, retryConfig, ...(stop ? { fetch: stoppingFetch(stop) } : {}) };
}

/** The global fetch, aborted also by `stop` (the WebClient gives each request its own timeout signal). */
function stoppingFetch(stop: AbortSignal): webApi.FetchFunction {
  return (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, stop]) : stop });
}
