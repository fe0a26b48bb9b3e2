import type { webApi } from '@slack/bolt';
import { parse, schedule, type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.js';
import { digestDayAt, localDate } from '../day.js';
import { computeDigest } from '../digest/digest.js';
import { digestSlackClient, DigestStoppedError, instanceId, postDigestOnce, type PostOutcome } from '../slack/post-digest.js';
import { count } from '../health/format.js';

export interface DigestJobOptions {
  /** The Web API client to post with (default: the bot token with the digest's retry policy). */
  client?: webApi.WebClient;
  /** When to look for a due digest that is not posted yet (after a failure, a restart or an outage). */
  catchUpCron?: string;
}

export interface DigestJob {
  /** Posts the due digest unless it is posted already; resolves with what happened (null: nothing due or it failed). */
  runDue(): Promise<PostOutcome | null>;
  stop(): Promise<void>;
}

/** Computes `day`'s digest with the configured thresholds and has the Slack layer post it to `channel` exactly once (until `stop` fires). */
export function postDailyDigest(
  context: AppContext,
  client: webApi.WebClient,
  target: { day: string; channel: string; instance: string },
  stop?: AbortSignal,
): Promise<PostOutcome> {
  return postDigestOnce(context, client, target, () => computeDigest(context.store.pool, target.day, context.config.HEALTH_THRESHOLDS), stop);
}

/** Every 5 minutes: a daily cron's next tick is tomorrow, so a failed or missed digest is retried this often. */
export const defaultCatchUpCron = '*/5 * * * *';

/**
 * The latest time today (in `timeZone`) at or before `now` matching the schedule, or null when the
 * schedule has not fired yet today. Walks back minute by minute over the schedule's seconds.
 */
export function latestFireToday(task: ScheduledTask, seconds: readonly number[], now: Date, timeZone: string): Date | null {
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  const descending = [...seconds].sort((a, b) => b - a);
  for (let minute = 0; minute <= 24 * 60; minute += 1) {
    for (const second of descending) {
      const candidate = new Date(minuteStart - minute * 60_000 + second * 1000);
      if (candidate > now || !task.match(candidate)) continue;
      return localDate(candidate, timeZone) === localDate(now, timeZone) ? candidate : null;
    }
  }
  return null;
}

/**
 * Schedules the daily digest to DIGEST_CHANNEL at DIGEST_CRON in DIGEST_TZ, plus a catch-up check
 * that posts the day's digest whenever its time has passed and it is not recorded as posted. Every
 * replica may run this: the database claim in postDigestOnce lets exactly one of them post.
 * Without DIGEST_CHANNEL nothing is scheduled (one log line says so) and null is returned.
 */
export function startDigestJob(context: AppContext, options: DigestJobOptions = {}): DigestJob | null {
  const { config, logger } = context;
  const channel = config.DIGEST_CHANNEL;
  if (!channel) {
    logger.info('DIGEST_CHANNEL is not set: no daily digest is scheduled');
    return null;
  }
  const stopping = new AbortController();
  const client = options.client ?? digestSlackClient(config, logger, stopping.signal);
  const instance = instanceId();
  const timeZone = config.DIGEST_TZ;
  const seconds = parse(config.DIGEST_CRON).second;
  let running: Promise<PostOutcome | null> | null = null;
  let stopped = false;

  const attempt = async (): Promise<PostOutcome | null> => {
    const fire = latestFireToday(digestTask, seconds, context.now(), timeZone);
    if (!fire) return null;
    const day = digestDayAt(fire, timeZone);
    try {
      const outcome = await postDailyDigest(context, client, { day, channel, instance }, stopping.signal);
      if (outcome.outcome === 'posted') {
        logger.info(`posted the digest for ${day} to ${channel} (ts ${outcome.ts}, ${count(outcome.replies, 'threaded reply', 'threaded replies')})`);
      }
      return outcome;
    } catch (error) {
      if (error instanceof DigestStoppedError) {
        logger.warn(`stopped before the digest for ${day} was posted to ${channel}; the next start posts what is missing`);
        return null;
      }
      logger.error(`the digest for ${day} was not posted to ${channel}: ${(error as Error).message}; the next check tries again`);
      return null;
    }
  };

  const runDue = (): Promise<PostOutcome | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= attempt().finally(() => {
      running = null;
    });
    return running;
  };

  // A tick during a run joins that run (runDue), so node-cron's own overlap guard is not needed.
  const cronLogger = {
    info: (message: string) => logger.debug(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string | Error) => logger.error(message),
    debug: (message: string | Error) => logger.debug(message),
  };
  const taskOptions = { timezone: timeZone, logger: cronLogger };
  const digestTask = schedule(config.DIGEST_CRON, runDue, { ...taskOptions, name: `digest ${channel}` });
  const catchUpTask = schedule(options.catchUpCron ?? defaultCatchUpCron, runDue, { ...taskOptions, name: `digest catch-up ${channel}` });
  logger.info(`daily digest to ${channel} at "${config.DIGEST_CRON}" (${timeZone}), covering the day before`);
  setImmediate(() => void runDue());

  return {
    runDue,
    async stop() {
      stopped = true;
      stopping.abort();
      await digestTask.destroy();
      await catchUpTask.destroy();
      await running;
    },
  };
}
