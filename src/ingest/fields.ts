import { z } from 'zod';
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
      context.addIssue({ code: 'custom', message: `not an email address: ${JSON.stringify(value.slice(0, 80))}` });
      return z.NEVER;
    }
    return normalised;
  });

export const domain = z
  .string({ error: 'a domain is required' })
  .transform((value, context) => {
    const normalised = normaliseDomain(value);
    if (normalised === null) {
      context.addIssue({ code: 'custom', message: `not a domain name: ${JSON.stringify(value.slice(0, 80))}` });
      return z.NEVER;
    }
    return normalised;
  });

/** ISO 8601 date-time with a zone (`Z` or an offset); a space may stand for the `T`. */
export const instant = z
  .string({ error: 'a timestamp is required' })
  .transform((value, context) => {
    const time = parseInstant(value.trim());
    if (Number.isNaN(time)) {
      context.addIssue({
        code: 'custom',
        message: `not an ISO 8601 timestamp with a zone (e.g. 2026-11-27T14:03:11Z): ${JSON.stringify(value.slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return new Date(time);
  });

/** A calendar day, YYYY-MM-DD; a full timestamp is cut to its date as written. */
export const day = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().slice(0, 10) : value),
  z.iso.date({ error: 'a day as YYYY-MM-DD is required' }),
);

export const replyCode = z.preprocess(
  (value) => blankToNull(trimmed(value)),
  z.coerce
    .number({ error: 'reply_code must be a number' })
    .int('reply_code must be a whole number')
    .min(200, 'reply_code must be between 200 and 599')
    .max(599, 'reply_code must be between 200 and 599')
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

export const count = z.preprocess(
  (value) => trimmed(value),
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(2_147_483_647, 'is too large'),
);

export const optionalCount = z.preprocess((value) => blankToNull(trimmed(value)), count.nullable());

/** A fraction between 0 and 1 (0.003 = 0.3 %); a value written with % is divided by 100. */
export const fraction = z.preprocess(
  (value) => {
    const clean = blankToNull(trimmed(value));
    return typeof clean === 'string' && clean.endsWith('%') ? Number(clean.slice(0, -1)) / 100 : clean;
  },
  z.coerce.number({ error: 'must be a number' }).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable(),
);
