const isoInstant = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const hourOnlyOffset = /([+-]\d{2})$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time with a zone (`Z` or an offset; a space may
 * stand for the `T`), or NaN. Timestamps written as `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, what nearly every
 * export writes, are read digit by digit; the rest goes through `Date.parse`.
 */
export function parseInstant(text: string): number {
  const plain = plainUtcInstant(text);
  if (plain !== undefined) return plain;
  return isoInstant.test(text) ? Date.parse(text.replace(' ', 'T').replace(hourOnlyOffset, '$1:00')) : NaN;
}

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Years 1970-9999 of real calendar days and times only, where Date.UTC and Date.parse agree. */
function plainUtcInstant(text: string): number | undefined {
  const length = text.length;
  if (length !== 20 && length !== 24) return undefined;
  if (text.charCodeAt(length - 1) !== 0x5a) return undefined; // Z
  if (length === 24 && text.charCodeAt(19) !== 0x2e) return undefined; // .
  if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54) return undefined; // - - T
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined; // : :
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const milli = length === 24 ? digits(text, 20, 3) : 0;
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > daysInMonth[month - 1]! || (month === 2 && day === 29 && !leap)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}

/** The number the `count` ASCII digits from `start` spell, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
