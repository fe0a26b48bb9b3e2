import type { App } from '@slack/bolt';
import { approversFrom } from '../../approvers.js';
import { domainActionIds } from '../../blocks/domain-buttons.js';
import { shareExplanationActionId } from '../../blocks/explanation.js';
import type { AppContext } from '../../../context.js';
import { MessageLines } from '../../message-lines.js';
import { approversOnly } from './approvers-only.js';
import { domainDecision } from './domain-decision.js';
import { domainKeep } from './domain-keep.js';
import { shareExplanation } from './share-explanation.js';

/** Every action_id the app has a listener for (the buttons below). */
export const actionIds: readonly string[] = [shareExplanationActionId, ...Object.values(domainActionIds)];

export function registerActions(app: App, context: AppContext): void {
  app.action(shareExplanationActionId, shareExplanation(context));
  const onlyApprovers = approversOnly(context, approversFrom(context.config.APPROVERS, context.logger, context.now));
  const lines = new MessageLines();
  app.action(domainActionIds.pull, onlyApprovers, domainDecision(context, lines, 'pull'));
  app.action(domainActionIds.reserve, onlyApprovers, domainDecision(context, lines, 'reserve'));
  app.action(domainActionIds.reactivate, onlyApprovers, domainDecision(context, lines, 'reactivate'));
  app.action(domainActionIds.keep, onlyApprovers, domainKeep(context, lines));
}
