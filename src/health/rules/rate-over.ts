import type { Thresholds } from '../thresholds.js';

/** Relative slack on a rate line in SQL: float rounding may let a row more through, never one less. */
const slack = 1e-9;

/**
 * `part / sent` over `rateLine` as a MayFireSql condition, on days with enough sends to judge rates
 * (isLowVolume): multiplied out, so a day without sends needs no special case.
 */
export function rateOver(part: string, rateLine: string, line: (key: keyof Thresholds) => string): string {
  return `sent >= ${line('min_sends')} AND ${part} >= ${rateLine} * sent * ${1 - slack}`;
}
