/**
 * The dates an event may carry. Older dates are placeholders or typing mistakes (0001-01-01,
 * 1900-01-01); later ones come from a wrong clock or year. A day of leeway covers clock skew and
 * time zones ahead of UTC.
 */
export const earliestEventDay = '2000-01-01';
const futureLeewayMs = 24 * 60 * 60 * 1000;
const earliest = Date.parse(`${earliestEventDay}T00:00:00Z`);

/** Why an event at `time` (ms since the epoch) cannot be true, or undefined when it can. */
export function eventTimeProblem(time: number, now = Date.now()): string | undefined {
  if (time < earliest) return `is before ${earliestEventDay}`;
  if (time > now + futureLeewayMs) return 'is more than a day in the future';
  return undefined;
}

/** Why a UTC day (`YYYY-MM-DD`) cannot hold events yet or any more, or undefined when it can. */
export function eventDayProblem(day: string, now = Date.now()): string | undefined {
  return eventTimeProblem(Date.parse(`${day}T00:00:00Z`), now);
}
