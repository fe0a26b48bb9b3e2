import type { App } from '@slack/bolt';
import { approversFrom } from '../../approvers.js';
import { domainActionIds } from '../../blocks/domain-buttons.js';
import { shareExplanationActionId } from '../../blocks/explanation.js';
import type { AppContext } from '../../context.js';
import { approversOnly } from './approvers-only.js';
import { domainDecision } from './domain-decision.js';
import { domainKeep } from './domain-keep.js';
import { shareExplanation } from './share-explanation.js';

export function registerActions(app: App, context: AppContext): void {
  app.action(shareExplanationActionId, shareExplanation(context));
  const onlyApprovers = approversOnly(context, approversFrom(context.config.APPROVERS, context.logger, context.now));
  app.action(domainActionIds.pull, onlyApprovers, domainDecision(context, 'pull'));
  app.action(domainActionIds.reserve, onlyApprovers, domainDecision(context, 'reserve'));
  app.action(domainActionIds.reactivate, onlyApprovers, domainDecision(context, 'reactivate'));
  app.action(domainActionIds.keep, onlyApprovers, domainKeep(context));
}
