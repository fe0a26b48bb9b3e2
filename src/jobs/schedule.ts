import { parse, schedule, type ScheduledTask } from 'node-cron';
import type { AppContext } from '../context.js';
import { localDate } from '../day.js';

/** Every 5 minutes: a daily or weekly cron's next tick is far off, so a failed or missed run is retried this often. */
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

/** setTimeout's longest wait; a later start is reached in steps. */
const longestTimer = 2 ** 31 - 1;

export interface ScheduledRun<T> {
  /** Runs what is due unless it ran already; resolves with what happened (null: nothing due, or it failed). */
  runDue(): Promise<T | null>;
  stop(): Promise<void>;
}

export interface RunSchedule<T> {
  /** For node-cron's task names and logs ("digest C0123", "DNS audit"). */
  name: string;
  cron: string;
  timeZone: string;
  catchUpCron?: string;
  /** Work started `ms` before each scheduled time (not before catch-up runs), given that time. */
  lead?: { ms: number; run: (fire: Date) => void };
  /** Runs the fire of `fire` (today's latest scheduled time) once; the caller's claim makes it once across processes. */
  attempt: (fire: Date) => Promise<T | null>;
}

/**
 * Runs `attempt` at `cron` in `timeZone`, plus a catch-up check whenever today's time has passed (a
 * failure, a restart or an outage), and once at start. A tick during a run joins that run.
 */
export function scheduleRuns<T>(context: Pick<AppContext, 'logger' | 'now'>, run: RunSchedule<T>): ScheduledRun<T> {
  const { logger } = context;
  const seconds = parse(run.cron).second;
  let running: Promise<T | null> | null = null;
  let stopped = false;

  const attempt = async (): Promise<T | null> => {
    const fire = latestFireToday(task, seconds, context.now(), run.timeZone);
    return fire ? run.attempt(fire) : null;
  };
  const runDue = (): Promise<T | null> => {
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
  const taskOptions = { timezone: run.timeZone, logger: cronLogger };
  const task = schedule(run.cron, runDue, { ...taskOptions, name: run.name });
  const catchUpTask = schedule(run.catchUpCron ?? defaultCatchUpCron, runDue, { ...taskOptions, name: `${run.name} catch-up` });
  setImmediate(() => void runDue());

  let leadTimer: NodeJS.Timeout | undefined;
  const armLead = (lead: NonNullable<RunSchedule<T>['lead']>) => {
    const next = task.getNextRun();
    if (stopped || !next) return;
    const wait = next.getTime() - lead.ms - Date.now();
    if (wait > longestTimer) {
      leadTimer = setTimeout(() => armLead(lead), longestTimer);
      return;
    }
    leadTimer = setTimeout(() => {
      lead.run(next);
      // Armed again once this time is due: the next one is then the one after it.
      leadTimer = setTimeout(() => armLead(lead), Math.max(0, next.getTime() - Date.now()) + 1000);
    }, Math.max(0, wait));
  };
  if (run.lead) armLead(run.lead);

  return {
    runDue,
    async stop() {
      stopped = true;
      clearTimeout(leadTimer);
      await task.destroy();
      await catchUpTask.destroy();
      await running;
    },
  };
}
