import { createTask, parse } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { digestDayAt } from '../../src/day.js';
import { latestFireToday } from '../../src/jobs/schedule.js';

function fireOf(expression: string, timeZone: string, now: string): string | null {
  const task = createTask(expression, () => undefined, { timezone: timeZone });
  try {
    return latestFireToday(task, parse(expression).second, new Date(now), timeZone)?.toISOString() ?? null;
  } finally {
    void task.destroy();
  }
}

describe('when the digest is due', () => {
  it('after today’s scheduled time it is due (the catch-up posts it); before, nothing is', () => {
    expect(fireOf('0 9 * * *', 'UTC', '2026-11-28T10:17:00Z')).toBe('2026-11-28T09:00:00.000Z');
    expect(fireOf('0 9 * * *', 'UTC', '2026-11-28T09:00:00Z')).toBe('2026-11-28T09:00:00.000Z');
    expect(fireOf('0 9 * * *', 'UTC', '2026-11-28T08:59:59Z')).toBeNull();
  });

  it('reads the schedule in DIGEST_TZ: 9 am in Berlin is 08:00 UTC in winter', () => {
    expect(fireOf('0 9 * * *', 'Europe/Berlin', '2026-11-28T08:30:00Z')).toBe('2026-11-28T08:00:00.000Z');
    expect(fireOf('0 9 * * *', 'Europe/Berlin', '2026-11-28T07:59:00Z')).toBeNull();
    // 01:00 in Berlin on the 29th is still the 28th in UTC: the local day decides.
    expect(fireOf('30 0 * * *', 'Europe/Berlin', '2026-11-28T23:45:00Z')).toBe('2026-11-28T23:30:00.000Z');
  });

  it('skips days the schedule does not run on, and knows second-level schedules', () => {
    // 2026-11-28 is a Saturday: a weekday digest is not due.
    expect(fireOf('0 9 * * 1-5', 'UTC', '2026-11-28T12:00:00Z')).toBeNull();
    expect(fireOf('*/10 * * * * *', 'UTC', '2026-11-28T12:00:07Z')).toBe('2026-11-28T12:00:00.000Z');
  });

  it('the digest day is the day that ended last in DIGEST_TZ', () => {
    expect(digestDayAt(new Date('2026-11-28T09:00:00Z'), 'UTC')).toBe('2026-11-27');
    expect(digestDayAt(new Date('2026-11-28T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-28');
    expect(digestDayAt(new Date('2026-11-28T05:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-26');
  });
});
