/** Text helpers for finding messages: percentages with a space before the sign, counts with units. */

const trimZeros = (text: string) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);

/** 0.0912 → "9.1 %" (trailing zeros dropped: 0.07 → "7 %"). */
export function percent(fraction: number, decimals = 1): string {
  return `${trimZeros((fraction * 100).toFixed(decimals))} %`;
}

const maxDecimals = 3;

/** The threshold as written in messages: 0.07 → "7 %", 0.003 → "0.3 %". */
export function percentLine(line: number): string {
  return percent(line, maxDecimals);
}

/**
 * A measured rate printed next to its line, with just enough decimals that the two never read the same
 * (7.01 % against a 7 % line prints "7.01 %", not "7 %").
 */
export function percentAgainst(value: number, line: number): string {
  for (let decimals = 1; decimals < maxDecimals; decimals += 1) {
    const text = percent(value, decimals);
    if (text !== percentLine(line)) return text;
  }
  return percent(value, maxDecimals);
}

/** One formatter for every count: `toLocaleString` would build a new `Intl.NumberFormat` per call. */
const wholeFormat = new Intl.NumberFormat('en-US');

/** 1200 → "1,200". */
export function whole(n: number): string {
  return wholeFormat.format(n);
}

/** The unit for a count of n: 1 → "send", 1200 → "sends" (or `units`, for "reply" → "replies"). */
export function plural(n: number, unit: string, units = `${unit}s`): string {
  return n === 1 ? unit : units;
}

/** 1 → "1 send", 1200 → "1,200 sends". */
export function count(n: number, unit: string, units = `${unit}s`): string {
  return `${whole(n)} ${plural(n, unit, units)}`;
}

/** A mean or similar figure with at most one decimal: 1.2857 → "1.3", 20 → "20". */
export function decimal(n: number): string {
  return trimZeros(n.toFixed(1));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
