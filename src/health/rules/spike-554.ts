import { decimal, whole } from '../format.js';
import type { Thresholds } from '../thresholds.js';
import type { Rule } from './rule.js';

/** Mean and population standard deviation of the trailing daily counts (0 and 0 for an empty history). */
function baseline(trailing: readonly number[]): { mean: number; stddev: number } {
  if (trailing.length === 0) return { mean: 0, stddev: 0 };
  const mean = trailing.reduce((sum, n) => sum + n, 0) / trailing.length;
  const variance = trailing.reduce((sum, n) => sum + (n - mean) ** 2, 0) / trailing.length;
  return { mean, stddev: Math.sqrt(variance) };
}

/** Float noise allowance, so a line of 20.000000000000004 stays 20. */
const epsilon = 1e-9;

/**
 * The smallest 554 count that is a spike over the trailing 7 days:
 * ceil(max(spike_554_min, spike_554_multiplier × mean, mean + spike_554_sigmas × stddev)).
 * The floor keeps a zero or near-zero baseline from firing on one stray 554; the multiplier asks for a
 * real jump on a steady baseline; the deviation term keeps a noisy baseline from firing on its usual swings.
 */
function spikeLine(trailing: readonly number[], thresholds: Thresholds): number {
  const { mean, stddev } = baseline(trailing);
  const line = Math.max(
    thresholds.spike_554_min,
    thresholds.spike_554_multiplier * mean,
    mean + thresholds.spike_554_sigmas * stddev,
  );
  return Math.ceil(line - epsilon);
}

/**
 * Whether a day's 554 count can reach the spike line whatever the history: the line is never below
 * ceil(spike_554_min) (the same rounding as `spikeLine`). When it cannot, the rule does not need
 * `c554_trailing`, and the fleet digest does not read it.
 */
function spike554CanFire(c554: number, thresholds: Thresholds): boolean {
  return c554 >= Math.ceil(thresholds.spike_554_min - epsilon);
}

/** Watch (investigate) when the day's 554 count reaches the spike line. */
export const spike554: Rule = {
  name: 'spike_554',
  judgesRates: false,
  // spike554CanFire: spike_554_min is a whole number.
  mayFire: { count: 'c554', atLeast: 'spike_554_min' },
  check({ stats, thresholds }) {
    if (!spike554CanFire(stats.c554, thresholds)) return null;
    // Absent is "not read", not "no 554s": judging a possible spike without its history would be a guess.
    if (stats.c554_trailing === undefined) throw new Error(`spike_554: ${stats.domain} has ${stats.c554} 554s but no c554_trailing`);
    const line = spikeLine(stats.c554_trailing, thresholds);
    if (stats.c554 < line) return null;
    const { mean } = baseline(stats.c554_trailing);
    return {
      value: stats.c554,
      threshold: line,
      severity: 'watch',
      message:
        `554 rejections jumped to ${whole(stats.c554)} against a 7-day average of ` +
        `${decimal(mean)} a day (spike line: ${line}): find out what changed in copy, list or volume`,
    };
  },
};
