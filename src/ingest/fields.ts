import { z } from 'zod';
import { printable, quoted } from '../printable.js';
import { eventDayProblem, eventTimeProblem } from './event-dates.js';
import { parseInstant } from './instant.js';
import { normaliseDomain } from '../domain-name.js';
import { normaliseAddress } from './normalise.js';

/** Field schemas shared by every adapter: each turns what a tool exports into the stored form. */

const blankToNull = (value: unknown) => (value === '' || value === undefined ? null : value);
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
/** Postgres text cannot hold NUL characters. */
const withoutNul = (value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value);

export const address = z
  .string({ error: 'an email address is required' })
  .transform((value, context) => {
    const normalised = normaliseAddress(value);
    if (normalised === null) {
      context.addIssue({ code: 'custom', message: `not an email address: ${quoted(value)}` });
      return z.NEVER;
    }
    return normalised;
  });

export const domain = z
  .string({ error: 'a domain is required' })
  .transform((value, context) => {
    const normalised = normaliseDomain(value);
    if (normalised === null) {
      context.addIssue({ code: 'custom', message: `not a domain name: ${quoted(value)}` });
      return z.NEVER;
    }
    return normalised;
  });

/** ISO 8601 date-time with a zone (`Z` or an offset); a space may stand for the `T`. Within the event dates (event-dates.ts). */
export const instant = z
  .string({ error: 'a timestamp is required' })
  .transform((value, context) => {
    const written = value.trim();
    const time = parseInstant(written);
    const problem = Number.isNaN(time) ? undefined : eventTimeProblem(time);
    if (Number.isNaN(time) || problem) {
      context.addIssue({
        code: 'custom',
        message: problem
          ? `${printable(written.slice(0, 40))} ${problem}`
          : `not an ISO 8601 timestamp with a zone (e.g. 2026-11-27T14:03:11Z): ${quoted(value, 40)}`,
      });
      return z.NEVER;
    }
    return new Date(time);
  });

/** A calendar day, YYYY-MM-DD, within the event dates; a full timestamp is cut to its date as written. */
export const day = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().slice(0, 10) : value),
  z.iso.date({ error: 'a day as YYYY-MM-DD is required' }).superRefine((value, context) => {
    const problem = eventDayProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `${value} ${problem}` });
  }),
);

/**
 * How numbers are written in files: whole numbers in digits only, fractions with at most one
 * decimal point. Signs, hexadecimal (0x10), exponents (1e3) and separators are refused rather than
 * read as something the sender may not have meant. JSON numbers are taken as they are.
 */
const wholeDigits = /^\d+$/;
const decimalDigits = /^(\d+\.?\d*|\.\d+)$/;

function wholeNumber(value: unknown, context: z.RefinementCtx): number {
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text !== undefined && wholeDigits.test(text)) return Number(text);
  const message =
    text === undefined ? 'a whole number is required'
    : text === '' ? 'is empty; write a whole number such as 120'
    : `${quoted(text)} is not a whole number written in digits, such as 120`;
  context.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function decimalNumber(value: unknown, context: z.RefinementCtx): number {
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value.trim() : '';
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (decimalDigits.test(digits)) return percent ? Number(digits) / 100 : Number(digits);
  context.addIssue({ code: 'custom', message: `${quoted(text)} is not a decimal number such as 0.003 or 0.3%` });
  return z.NEVER;
}

export const replyCode = z.preprocess(
  (value) => blankToNull(trimmed(value)),
  z
    .unknown()
    .transform(wholeNumber)
    .pipe(z.number().int('reply_code must be a whole number').min(200, 'reply_code must be between 200 and 599').max(599, 'reply_code must be between 200 and 599'))
    .nullable(),
);

export const enhancedCode = z.preprocess(
  (value) => blankToNull(trimmed(value)),
  z
    .string()
    .regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'enhanced_code must look like 5.1.1')
    .nullable(),
);

export const optionalText = z.preprocess(
  (value) => blankToNull(typeof value === 'number' ? String(value) : trimmed(withoutNul(value))),
  z.string().nullable(),
);

export const text = z.preprocess((value) => (value === undefined || value === null ? '' : withoutNul(value)), z.string());

export const count = z
  .unknown()
  .transform(wholeNumber)
  .pipe(z.number().int('must be a whole number').min(0, 'must not be negative').max(2_147_483_647, 'is too large'));

export const optionalCount = z.preprocess((value) => blankToNull(trimmed(value)), count.nullable());

/** A fraction between 0 and 1 (0.003 = 0.3 %); a value written with % is divided by 100. */
export const fraction = z.preprocess(
  (value) => blankToNull(trimmed(value)),
  z.unknown().transform(decimalNumber).pipe(z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')).nullable(),
);
