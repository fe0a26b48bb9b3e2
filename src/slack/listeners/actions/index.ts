import type { App } from '@slack/bolt';
import { approversFrom } from '../../approvers.js';
import { domainActionIds } from '../../blocks/domain-buttons.js';
import { shareDnsAuditActionId } from '../../blocks/dns-audit.js';
import { explanationBlocks, explanationText, shareExplanationActionId } from '../../blocks/explanation.js';
import type { AppContext } from '../../../context.js';
import { MessageLines } from '../../message-lines.js';
import { approversOnly } from './approvers-only.js';
import { domainDecision } from './domain-decision.js';
import { domainKeep } from './domain-keep.js';
import { explain } from '../../../knowledge/explain.js';
import { auditNow, dnsCard } from '../../dns-audit.js';
import { domainFromInput } from '../commands/domain.js';
import { shareCard } from './share-card.js';

/** Every action_id the app has a listener for (the buttons below). */
export const actionIds: readonly string[] = [shareExplanationActionId, shareDnsAuditActionId, ...Object.values(domainActionIds)];

export function registerActions(app: App, context: AppContext): void {
  app.action(
    shareExplanationActionId,
    shareCard(context, 'an explanation', (input, sharedBy) => {
      const explanation = explain(input);
      return { text: explanationText(explanation), blocks: explanationBlocks(explanation, { sharedBy }) };
    }),
  );
  // The shared DNS card is checked afresh: the channel sees the records as they are when shared.
  app.action(
    shareDnsAuditActionId,
    shareCard(context, 'a DNS card', async (value, sharedBy) => {
      const domain = domainFromInput(value);
      return domain ? dnsCard(await auditNow(context, domain), sharedBy) : { refused: 'This button names no domain to check.' };
    }),
  );
  const onlyApprovers = approversOnly(context, approversFrom(context.config.APPROVERS, context.logger, context.now));
  const lines = new MessageLines();
  app.action(domainActionIds.pull, onlyApprovers, domainDecision(context, lines, 'pull'));
  app.action(domainActionIds.reserve, onlyApprovers, domainDecision(context, lines, 'reserve'));
  app.action(domainActionIds.reactivate, onlyApprovers, domainDecision(context, lines, 'reactivate'));
  app.action(domainActionIds.keep, onlyApprovers, domainKeep(context, lines));
}
