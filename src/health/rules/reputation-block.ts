import { count } from '../format.js';
import type { Severity } from '../verdict.js';
import type { Rule } from './rule.js';

interface Level {
  severity: Severity;
  advice: string;
}

const widespread: Level = {
  severity: 'pull',
  advice: "the domain's reputation is damaged: pull it, check blocklists and move to a warmed reserve",
};
const oneReceiver: Level = {
  severity: 'watch',
  advice: "most likely that receiver's own filter: investigate and watch whether other receivers follow",
};

/**
 * Rejections blaming a blocklist, reputation or spam: from `reputation_pull_domains` or more recipient
 * domains → pull; from fewer (but at least one) → watch.
 */
export const reputationBlock: Rule = {
  name: 'reputation_block',
  judgesRates: false,
  // At least one reputation block means at least one recipient domain.
  mayFire: { count: 'reputation_blocks', atLeast: 1 },
  check({ stats, thresholds }) {
    const domains = stats.reputation_recipient_domains;
    if (domains < 1) return null;
    const pull = domains >= thresholds.reputation_pull_domains;
    const level = pull ? widespread : oneReceiver;
    return {
      value: domains,
      threshold: pull ? thresholds.reputation_pull_domains : 1,
      severity: level.severity,
      message:
        `Rejected ${count(stats.reputation_blocks, 'time')} for blocklist, reputation or spam reasons by ` +
        `${count(domains, 'recipient domain')}: ${level.advice}`,
    };
  },
};
