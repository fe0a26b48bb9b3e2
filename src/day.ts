import { z } from 'zod';

const isoDate = z.iso.date();

/** Whether `text` is a calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return isoDate.safeParse(text).success;
}

/** Whether `timeZone` is an IANA zone this Node.js knows, such as `UTC` or `Europe/Berlin`. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date of `at` in `timeZone`, as `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The digest day for a digest made at `at`: the day that ended last in `timeZone` (yesterday there).
 * The rollups count UTC days, so that date is read as a UTC day (see docs/data-model.md).
 */
export function digestDayAt(at: Date, timeZone: string): string {
  return addDays(localDate(at, timeZone), -1);
}
