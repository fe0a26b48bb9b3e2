import { webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { Digest } from '../digest/digest.js';
import { digestMessages } from './blocks/digest.js';
import { slackClientOptions } from './client-options.js';
import { slackErrorCode } from './retry.js';
import {
  claimDigestRun,
  LostClaimError,
  markDigestFailed,
  markDigestPosted,
  recordDigestMessage,
  recordDigestReplies,
  type ClaimKey,
} from '../store/digest-runs.js';

type WebClient = webApi.WebClient;

/** The `metadata.event_type` of every digest message, so a retry can find a post it did not record. */
export const digestEventType = 'smtp_desk_digest';

/** A claim without a heartbeat for this long belongs to a process that died; another may take over. */
export const staleClaimSeconds = 600;

/**
 * Slack errors the Web client retries: 429 after the Retry-After it names, 5xx and network errors
 * with exponential back-off (1, 2, 4, 8, 16 s), well inside `staleClaimSeconds`. A call that timed
 * out is not retried (see slackClientOptions): the next run looks for the post in the channel first.
 */
const digestRetryPolicy = { retries: 5, factor: 2, minTimeout: 1_000, maxTimeout: 30_000, randomize: true };

/** The Web API client the digest posts with (the bot token, the call timeout, the retry policy above), silent once `stop` fires. */
export function digestSlackClient(config: Config, logger: AppContext['logger'], stop?: AbortSignal): WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, slackClientOptions(config, logger, digestRetryPolicy, stop));
}

/** A digest run cut short because smtp-desk is stopping: the run is marked failed, so the next start posts what is missing. */
export class DigestStoppedError extends Error {
  constructor() {
    super('smtp-desk stopped before the digest was posted');
  }
}

/** `call`'s result, or DigestStoppedError as soon as `stop` fires: a Slack retry's back-off is not waited out. */
function unlessStopped<T>(stop: AbortSignal | undefined, call: Promise<T>): Promise<T> {
  if (!stop) return call;
  return new Promise((resolve, reject) => {
    const onStop = () => reject(new DigestStoppedError());
    if (stop.aborted) onStop();
    stop.addEventListener('abort', onStop, { once: true });
    call.then(
      (value) => {
        stop.removeEventListener('abort', onStop);
        resolve(value);
      },
      (error: unknown) => {
        stop.removeEventListener('abort', onStop);
        reject(error as Error);
      },
    );
  });
}

export type PostOutcome =
  | { outcome: 'posted'; ts: string; replies: number }
  | { outcome: 'already_posted'; ts: string }
  | { outcome: 'in_progress'; by: string };

export interface PostTarget {
  day: string;
  channel: string;
  instance: string;
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The digest message for `day` already in the channel (posted by a run that died before recording it).
 * Without the history scope the check is skipped with a warning: a rare duplicate beats no digest.
 */
async function findPostedDigest(context: Pick<AppContext, 'logger'>, client: WebClient, channel: string, day: string): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const result = await client.conversations
      .history({
        channel,
        oldest: String(Date.parse(`${day}T00:00:00Z`) / 1000),
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      })
      .catch((error: unknown) => {
        if (slackErrorCode(error) !== 'missing_scope') throw error;
        context.logger.warn(`cannot read ${channel}'s history (add the channels:history or groups:history scope): posting the digest for ${day} without checking for an earlier post`);
        return null;
      });
    if (!result) return null;
    const found = (result.messages as HistoryMessage[] | undefined)?.find(
      (message) => message.metadata?.event_type === digestEventType && message.metadata.event_payload?.day === day,
    );
    if (found?.ts) return found.ts;
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

/**
 * Posts `day`'s digest to `channel` exactly once across processes: claim the run in the database,
 * compute the digest (only once the claim is won) and render it, post the message (or find the one a
 * dead run posted), record its ts, post the threaded replies one by one recording each, then mark
 * the run posted. Any failure marks the run failed for the next tick, and so does `stop` firing
 * (smtp-desk shutting down) while a Slack call is under way or waiting to be retried.
 */
export async function postDigestOnce(
  context: Pick<AppContext, 'store' | 'logger'>,
  client: WebClient,
  target: PostTarget,
  compute: () => Promise<Digest>,
  stop?: AbortSignal,
): Promise<PostOutcome> {
  const db = context.store.pool;
  const key: ClaimKey = target;
  const claim = await claimDigestRun(db, key, staleClaimSeconds);
  if (!claim.claimed) {
    return claim.run.status === 'posted' && claim.run.message_ts
      ? { outcome: 'already_posted', ts: claim.run.message_ts }
      : { outcome: 'in_progress', by: claim.run.claimed_by };
  }
  try {
    const { main, replies } = digestMessages(await compute());
    let ts = claim.run.message_ts ?? (claim.run.attempts > 1 ? await unlessStopped(stop, findPostedDigest(context, client, target.channel, target.day)) : null);
    if (ts === null) {
      const posted = await unlessStopped(
        stop,
        client.chat.postMessage({
          channel: target.channel,
          text: main.text,
          blocks: main.blocks,
          metadata: { event_type: digestEventType, event_payload: { day: target.day } },
        }),
      );
      if (!posted.ts) throw new Error('Slack accepted the digest but returned no message ts');
      ts = posted.ts;
    }
    if (ts !== claim.run.message_ts) await recordDigestMessage(db, key, ts, replies.length);
    for (let part = claim.run.replies_posted; part < replies.length; part += 1) {
      const reply = replies[part]!;
      await unlessStopped(
        stop,
        client.chat.postMessage({
          channel: target.channel,
          thread_ts: ts,
          text: reply.text,
          blocks: reply.blocks,
          metadata: { event_type: digestEventType, event_payload: { day: target.day, part: part + 1 } },
        }),
      );
      await recordDigestReplies(db, key, part + 1);
    }
    await markDigestPosted(db, key);
    return { outcome: 'posted', ts, replies: replies.length };
  } catch (error) {
    if (!(error instanceof LostClaimError)) {
      await markDigestFailed(db, key, (error as Error).message).catch((markError: unknown) =>
        context.logger.warn(`could not record the failed digest run: ${(markError as Error).message}`),
      );
    }
    throw error;
  }
}
