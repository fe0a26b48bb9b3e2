import { rules, type DayCount, type MayFire, type Thresholds } from '../health/index.js';

/** Each of the day's numbers a rule's `mayFire` compares, over a row of the day's rollups (day-rows.ts). */
const dayCountSql: Record<DayCount, string> = {
  sent: 'sent',
  bounces: 'bounces',
  invalid: 'invalid',
  complaints: 'coalesce(reported_spam_rate * sent, complaints)',
  reputation_blocks: 'reputation_blocks',
  c554: 'c554',
  auth_failures: 'auth_total',
  throttled_hours: 'throttled_hours',
};

/** Relative slack on a rate line: float rounding may let a row more through, never one less. */
const slack = 1e-9;

/** SQL for a threshold's value: a query parameter, or a column in a test. */
type LineSql = (key: keyof Thresholds) => string;

/** A rate is multiplied out, so a day without sends needs no special case. */
function conditionSql(mayFire: MayFire, line: LineSql): string {
  if ('rate' in mayFire) {
    return `sent >= ${line('min_sends')} AND ${dayCountSql[mayFire.rate]} >= ${line(mayFire.over)} * sent * ${1 - slack}`;
  }
  if ('exceeds' in mayFire) return `${dayCountSql[mayFire.count]} > ${dayCountSql[mayFire.exceeds]}`;
  const atLeast = typeof mayFire.atLeast === 'number' ? String(mayFire.atLeast) : line(mayFire.atLeast);
  return `${dayCountSql[mayFire.count]} >= ${atLeast}`;
}

/**
 * One SQL condition over a row of the day's numbers: true where any rule may fire (Rule.mayFire),
 * false where the domain is certainly healthy. Never null.
 */
export function mayFireSql(line: LineSql): string {
  const conditions = rules.flatMap((rule) => (rule.mayFire ? [`(${conditionSql(rule.mayFire, line)})`] : []));
  return `coalesce(${conditions.join(' OR ')}, false)`;
}

const linesOf = (mayFire: MayFire): (keyof Thresholds)[] => {
  if ('rate' in mayFire) return ['min_sends', mayFire.over];
  if ('exceeds' in mayFire) return [];
  return typeof mayFire.atLeast === 'number' ? [] : [mayFire.atLeast];
};

/** The thresholds mayFireSql compares with, each once: the query parameters it needs, in this order. */
const mayFireLines: readonly (keyof Thresholds)[] = [
  ...new Set(rules.flatMap((rule) => (rule.mayFire ? linesOf(rule.mayFire) : []))),
];

/** mayFireSql with the lines as the parameters `$first`, `$first + 1`, … in mayFireLines' order. */
export const mayFireFrom = (first: number) => mayFireSql((key) => `$${first + mayFireLines.indexOf(key)}::float8`);

/** The parameter values of mayFireFrom. */
export const mayFireParams = (thresholds: Thresholds) => mayFireLines.map((key) => thresholds[key]);
