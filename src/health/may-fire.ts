import type { MayFireSql } from './rules/rule.js';
import { rules } from './rules/index.js';

/**
 * One SQL condition over a row of the day's numbers: true where any rule may fire (Rule.mayFire),
 * false where the domain is certainly healthy. Never null.
 */
export const mayFireSql: MayFireSql = (line) =>
  `coalesce(${rules.flatMap((rule) => (rule.mayFire ? [`(${rule.mayFire(line)})`] : [])).join(' OR ')}, false)`;
