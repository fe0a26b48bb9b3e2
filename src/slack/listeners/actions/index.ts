import type { App } from '@slack/bolt';
import { shareExplanationActionId } from '../../blocks/explanation.js';
import type { AppContext } from '../../context.js';
import { shareExplanation } from './share-explanation.js';

export function registerActions(app: App, context: AppContext): void {
  app.action(shareExplanationActionId, shareExplanation(context));
}
