import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';

export function registerListeners(app: App, context: AppContext): void {
  registerCommands(app, context);
  registerActions(app, context);
}
