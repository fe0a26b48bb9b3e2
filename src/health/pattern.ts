import type { DomainDayNumbers } from './stats.js';
import type { BouncePattern } from './verdict.js';

/**
 * The operator decision tree applied to the day's bounces: all to one address points at the list,
 * several addresses on one recipient domain at that receiver's filter, several recipient domains at our
 * own sending infrastructure (DNS, blocklists, volume). Null when nothing bounced.
 */
export function bouncePattern(stats: DomainDayNumbers): BouncePattern | null {
  if (stats.bounces === 0) return null;
  if (stats.bounce_recipients <= 1) return 'single_address';
  if (stats.bounce_recipient_domains <= 1) return 'single_recipient_domain';
  return 'many_recipient_domains';
}
