import type { webApi } from '@slack/bolt';
import type { AppContext } from '../context.js';
import { digestDayAt } from '../day.js';
import { computeDigestWithDns } from '../digest/digest.js';
import { digestDnsOptions } from '../digest/dns.js';
import { digestSlackClient, DigestStoppedError, postDigestOnce, type PostOutcome } from '../slack/post-digest.js';
import { instanceId } from '../store/run-claims.js';
import { count } from '../health/format.js';
import { scheduleRuns, type ScheduledRun } from './schedule.js';

export interface DigestJobOptions {
  /** The Web API client to post with (default: the bot token with the digest's retry policy). */
  client?: webApi.WebClient;
  /** When to look for a due digest that is not posted yet (after a failure, a restart or an outage). */
  catchUpCron?: string;
  /** Work that gets the digest day's numbers ready (serve's Postmaster pull). */
  prepare?: DigestPreparation;
}

/**
 * Gets a digest day ready: started `leadMs` before each digest is due, and awaited before the digest
 * is posted. `run` resolves within its own deadline and never rejects, so it cannot hold the digest
 * back longer than that nor stop it.
 */
export interface DigestPreparation {
  leadMs: number;
  run(day: string): Promise<void>;
}

/** `runDue` posts the due digest unless it is posted already. */
export type DigestJob = ScheduledRun<PostOutcome>;

/**
 * Computes `day`'s digest with the configured thresholds and its DNS lines, and has the Slack layer
 * post it to `channel` exactly once (until `stop` fires).
 */
export function postDailyDigest(
  context: AppContext,
  client: webApi.WebClient,
  target: { day: string; channel: string; instance: string },
  stop?: AbortSignal,
): Promise<PostOutcome> {
  const { config, store, now } = context;
  return postDigestOnce(
    context,
    client,
    target,
    () => computeDigestWithDns(store.pool, target.day, config.HEALTH_THRESHOLDS, digestDnsOptions(config, now)),
    stop,
  );
}

/** Starts the preparation of the digest day `leadMs` before each digest is due. */
const leadFor = (prepare: DigestPreparation, timeZone: string) => ({
  ms: prepare.leadMs,
  run: (fire: Date) => void prepare.run(digestDayAt(fire, timeZone)),
});

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
  const scheduled = scheduleRuns<PostOutcome>(context, {
    name: `digest ${channel}`,
    cron: config.DIGEST_CRON,
    timeZone,
    ...(options.catchUpCron ? { catchUpCron: options.catchUpCron } : {}),
    ...(options.prepare ? { lead: leadFor(options.prepare, timeZone) } : {}),
    async attempt(fire) {
      const day = digestDayAt(fire, timeZone);
      await options.prepare?.run(day);
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
    },
  });
  logger.info(`daily digest to ${channel} at "${config.DIGEST_CRON}" (${timeZone}), covering the day before`);
  return {
    runDue: scheduled.runDue,
    async stop() {
      // Aborts a wait between Slack retries at once; what was not posted is left for the next start.
      stopping.abort();
      await scheduled.stop();
    },
  };
}
