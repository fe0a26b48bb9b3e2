import { noApproversText, notAllowedText } from '../../blocks/domain-decision.js';
import type { Approvers } from '../../approvers.js';
import type { AppContext } from '../../../context.js';
import { tellClicker, type ButtonArgs } from './show-decision.js';

/**
 * Listener middleware in front of every domain decision: acknowledges the click at once (Slack
 * wants it within 3 s, a user-group lookup may take longer), then lets only APPROVERS through.
 * Deny by default: no approvers configured, an unknown user or a group Slack cannot list all get
 * a private refusal, and the decision listener never runs.
 */
export function approversOnly(context: AppContext, approvers: Approvers) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ids = context.config.APPROVERS;
    if (ids.length === 0) return tellClicker(args, context, noApproversText);
    if (!(await approvers.includes(args.client, args.body.user.id))) return tellClicker(args, context, notAllowedText(ids));
    await args.next();
  };
}
