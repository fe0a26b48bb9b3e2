import { z } from 'zod';
import { UserFacingError } from '../errors.js';

const fraction = (defaultValue: number, example: string) =>
  z
    .number({ error: `a fraction above 0 and below 1, such as ${example}` })
    .gt(0, `a fraction above 0 and below 1, such as ${example}`)
    .lt(1, `a fraction above 0 and below 1, such as ${example}`)
    .default(defaultValue);

const wholeCount = (defaultValue: number) =>
  z
    .number({ error: 'a whole number of at least 1' })
    .int('a whole number of at least 1')
    .min(1, 'a whole number of at least 1')
    .default(defaultValue);

const factor = (defaultValue: number, minimum: number) =>
  z
    .number({ error: `a number of at least ${minimum}` })
    .min(minimum, `a number of at least ${minimum}`)
    .default(defaultValue);

/**
 * Every line the daily digest judges against, with the operator guide's defaults.
 * A team overrides any subset with a JSON object of the same keys; unknown keys are refused.
 */
export const thresholdsSchema = z.strictObject({
  /** Pull when bounces / sent is over this. */
  bounce_rate_pull: fraction(0.07, '0.07 for 7 %'),
  /** Pull when the spam complaint rate is over this. */
  complaint_rate_pull: fraction(0.003, '0.003 for 0.3 %'),
  /** Fix (audit list verification) when invalid-address bounces / sent is over this. */
  invalid_rate_fix: fraction(0.03, '0.03 for 3 %'),
  /** Below this many sends the three rates are not judged. */
  min_sends: wholeCount(50),
  /** Pull when reputation rejections come from at least this many recipient domains (fewer: watch). */
  reputation_pull_domains: wholeCount(2),
  /** A 554 spike needs at least this many 554s on the day, whatever the baseline. */
  spike_554_min: wholeCount(5),
  /** ...and at least this multiple of the trailing 7-day mean. */
  spike_554_multiplier: factor(2, 1),
  /** ...and at least this many standard deviations above the trailing 7-day mean. */
  spike_554_sigmas: factor(3, 0),
  /** Fix DNS when authentication failures add up to at least this many. */
  auth_failures_min: wholeCount(1),
  /** Fix (slow down) when throttling has lasted at least this many hours. */
  throttled_hours_fix: wholeCount(24),
});

export type Thresholds = z.output<typeof thresholdsSchema>;

export const defaultThresholds: Readonly<Thresholds> = Object.freeze(thresholdsSchema.parse({}));

export class ThresholdsError extends UserFacingError {}

const prefix = 'health thresholds:';

function fromJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ThresholdsError(`${prefix} not valid JSON (${(error as Error).message})`);
  }
}

function describe(issue: z.core.$ZodIssue, input: Record<string, unknown>): string {
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(thresholdsSchema.shape).join(', ');
    return `${prefix} unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (known keys: ${known})`;
  }
  const key = String(issue.path[0]);
  return `${prefix} ${key} must be ${issue.message} (got ${JSON.stringify(input[key])})`;
}

/**
 * Reads a team's overrides: nothing (undefined, null or an empty string) gives the defaults, a string is
 * read as JSON, an object's keys replace the matching defaults. Throws a ThresholdsError with one line
 * naming the bad key.
 */
export function parseThresholds(input: unknown): Thresholds {
  if (input === undefined || input === null || input === '') return { ...defaultThresholds };
  const value = typeof input === 'string' ? fromJson(input) : input;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ThresholdsError(`${prefix} expected a JSON object of threshold names to numbers`);
  }
  const parsed = thresholdsSchema.safeParse(value);
  if (!parsed.success) {
    throw new ThresholdsError(describe(parsed.error.issues[0]!, value as Record<string, unknown>));
  }
  return parsed.data;
}
