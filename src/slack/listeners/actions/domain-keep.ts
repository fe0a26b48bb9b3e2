import type { AppContext } from '../../../context.js';
import { keepDomain } from '../../../fleet/keep.js';
import { decodeDomainButtonValue } from '../../blocks/domain-buttons.js';
import { alreadyKeptText, keptText } from '../../blocks/domain-decision.js';
import { escapeMrkdwn } from '../../blocks/mrkdwn.js';
import type { MessageLines } from '../../message-lines.js';
import { announceDecision, showDecision, tellClicker, type ButtonArgs } from './show-decision.js';

/**
 * Keep (runs behind approversOnly): the domain stays in rotation and the digest does not list it
 * again for SNOOZE_DAYS days, unless something new happens (a worse verdict or a new rule); see keepDomain.
 */
export function domainKeep(context: AppContext, lines: MessageLines) {
  return async (args: ButtonArgs): Promise<void> => {
    const { body, action } = args;
    const value = decodeDomainButtonValue(action.value);
    if (!value || value.from !== 'active') {
      await tellClicker(args, context, 'That button does not carry a domain I can keep; nothing changed.');
      return;
    }
    const domain = escapeMrkdwn(value.domain);
    const result = await keepDomain(context, {
      domain: value.domain,
      day: value.day,
      actor: body.user.id,
      source: 'button',
      verdict: value.verdict ?? null,
      rules: value.rules ?? [],
      slackActionTs: action.action_ts,
    }).catch((error: unknown) => {
      context.logger.error(`recording keep of ${value.domain} failed: ${(error as Error).message}`);
      return null;
    });
    if (!result) {
      await tellClicker(args, context, `I could not record keeping ${domain} just now; nothing changed. Please try again in a minute.`);
    } else if (result.outcome === 'unknown_domain') {
      await tellClicker(args, context, `I no longer know the domain ${domain}; nothing changed.`);
    } else if (result.outcome === 'not_active') {
      await tellClicker(args, context, `${domain} is ${result.status} now, so there is nothing to keep; nothing changed.`);
    } else if (result.outcome === 'snoozed') {
      const text = keptText(value.domain, { actor: result.snooze.actor, at: result.snooze.snoozed_at }, result.snooze.until_day);
      await announceDecision(args, context, lines, { domain: value.domain, done: 'kept', text });
    } else if (result.snooze) {
      const { snooze } = result;
      const by = { actor: snooze.actor, at: snooze.snoozed_at };
      await showDecision(args, context, lines, value.domain, keptText(value.domain, by, snooze.until_day));
      if (result.outcome === 'already_kept') await tellClicker(args, context, alreadyKeptText(value.domain, by, snooze.until_day));
    }
  };
}
