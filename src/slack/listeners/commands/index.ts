import type { App } from '@slack/bolt';
import type { AppContext } from '../../../context.js';
import { smtpCommand } from './smtp.js';

/** Every slash command the app answers; manifest.yml lists the same ones (checked by a test). */
export const commandNames = ['/smtp'] as const;

export function registerCommands(app: App, context: AppContext): void {
  app.command('/smtp', smtpCommand(context));
}
