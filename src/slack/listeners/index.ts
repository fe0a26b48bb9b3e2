import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { actionIds, registerActions } from './actions/index.js';
import { commandNames, registerCommands } from './commands/index.js';
import { answerUnknown } from './unknown.js';

export function registerListeners(app: App, context: AppContext): void {
  app.use(answerUnknown(commandNames, actionIds));
  registerCommands(app, context);
  registerActions(app, context);
}
