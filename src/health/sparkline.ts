import { defaultThresholds } from './thresholds.js';

const bars = '▁▂▃▄▅▆▇█';
/** Shown for a day without sends (no rate). */
const gap = '·';

/**
 * A one-character-per-day picture of a bounce-rate trend, oldest first. 0 (or less) is ▁, a rate at or
 * above `top` (the pull line) is █, and any rate in between takes one of ▂…▇ in proportion, so a day
 * with a few bounces never looks like a clean one and only a day at the pull line fills the bar.
 */
export function sparkline(rates: readonly (number | null)[], top: number = defaultThresholds.bounce_rate_pull): string {
  const highest = bars.length - 1;
  const middle = highest - 1;
  const bar = (rate: number) => {
    if (rate <= 0) return 0;
    if (rate >= top) return highest;
    return 1 + Math.floor((rate / top) * middle);
  };
  return rates.map((rate) => (rate === null ? gap : bars[bar(rate)])).join('');
}
