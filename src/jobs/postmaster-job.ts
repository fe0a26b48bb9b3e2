import type { AppContext } from '../context.js';
import { googleCredentials } from '../config.js';
import { addDays } from '../day.js';
import { faultLine } from '../faults.js';
import { count } from '../health/format.js';
import { postmasterBatchQuery } from '../ingest/postmaster/client.js';
import { fetchPostmaster, storePostmaster } from '../ingest/postmaster/pull.js';
import { listDomains } from '../store/fleet.js';
import { claimPostmasterPull, finishPostmasterPull, getPostmasterPull } from '../store/postmaster-pulls.js';
import { instanceId } from '../store/run-claims.js';
import type { DigestPreparation } from './digest-job.js';

/** How long before the digest is due the pull starts. */
const postmasterLeadMs = 15 * 60_000;
/** Google publishes a day's rates late, sometimes a day or two: each pull asks again for the days before the digest day too. */
const daysPerPull = 3;
/** Tries per digest day in one process: before the digest is due, and once more when it is due if that one failed. */
const triesPerDay = 2;
const pollMs = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * serve's Postmaster pull of the digest day (and the two days before it), run as the digest's
 * preparation: claimed by one replica per day (postmaster_pulls), bounded by POSTMASTER_DEADLINE_MS,
 * so the digest goes out on time with or without it. Null when GOOGLE_* are not set.
 */
export function postmasterPreparation(context: AppContext): DigestPreparation | null {
  const { config, logger, store } = context;
  const credentials = googleCredentials(config);
  if (!credentials) {
    logger.info('GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and GOOGLE_REFRESH_TOKEN are not set: no Postmaster Tools pull before the digest');
    return null;
  }
  const batchQuery = postmasterBatchQuery(config, credentials);
  const instance = instanceId();
  const deadlineMs = config.POSTMASTER_DEADLINE_MS;
  const tries = new Map<string, number>();
  const running = new Map<string, Promise<void>>();

  /** Another replica holds the claim: waits for it to finish, up to the deadline. */
  const awaitOther = async (day: string, until: number): Promise<void> => {
    for (;;) {
      const pull = await getPostmasterPull(store.pool, day);
      if (pull?.status === 'done') return;
      if (pull?.status !== 'claimed') throw new Error(pull?.error ?? 'another replica\'s pull failed');
      if (Date.now() >= until) throw new Error(`another replica's pull did not finish within POSTMASTER_DEADLINE_MS (${deadlineMs} ms)`);
      await sleep(pollMs);
    }
  };

  /** Pulls the day (or waits for the replica that does); throws an error whose message says why it failed. */
  const pull = async (day: string, until: number): Promise<void> => {
    const claim = await claimPostmasterPull(store.pool, day, instance, deadlineMs / 1000);
    if (!claim.claimed) return claim.run.status === 'done' ? undefined : awaitOther(day, until);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, until - Date.now()));
    try {
      const domains = (await listDomains(store.pool, 'active')).map((row) => row.domain);
      const days = Array.from({ length: daysPerPull }, (_, i) => addDays(day, i - daysPerPull + 1));
      const outcome = await fetchPostmaster(batchQuery, domains, days, controller.signal);
      if (controller.signal.aborted) throw controller.signal.reason;
      await storePostmaster(store.pool, outcome.days);
      for (const refused of outcome.refused) logger.warn(`Postmaster Tools: ${refused.line}`);
      const reported = outcome.days.filter((d) => d.reported && d.day === day).length;
      logger.info(`Postmaster Tools rates for ${day}: ${count(reported, 'domain')} reported of ${count(domains.length, 'active domain')}`);
      await finishPostmasterPull(store.pool, day, instance, null);
    } catch (error) {
      const line = controller.signal.aborted
        ? `it did not finish within POSTMASTER_DEADLINE_MS (${deadlineMs} ms)`
        : (faultLine(error) ?? (error as Error).message);
      await finishPostmasterPull(store.pool, day, instance, line).catch(() => undefined);
      throw new Error(line);
    } finally {
      clearTimeout(timer);
    }
  };

  const attempt = async (day: string, until: number) => {
    try {
      await pull(day, until);
      tries.set(day, triesPerDay);
    } catch (error) {
      const tried = (tries.get(day) ?? 0) + 1;
      tries.set(day, tried);
      const then = tried < triesPerDay ? 'tried once more at the next digest check' : 'the digest goes out without it';
      logger.error(`the Postmaster Tools pull for ${day} failed: ${faultLine(error) ?? (error as Error).message}; ${then}`);
    }
  };

  return {
    leadMs: postmasterLeadMs,
    run(day) {
      if ((tries.get(day) ?? 0) >= triesPerDay) return Promise.resolve();
      const until = Date.now() + deadlineMs;
      let current = running.get(day);
      if (!current) {
        current = attempt(day, until).finally(() => running.delete(day));
        running.set(day, current);
      }
      // Whatever happens inside, the digest waits no longer than the deadline.
      return Promise.race([current, sleep(deadlineMs)]);
    },
  };
}
