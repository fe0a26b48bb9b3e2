import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

interface Acknowledging {
  ack?: (response?: Record<string, unknown>) => Promise<void>;
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
}

/**
 * Answers at once a slash command or a button smtp-desk has no listener for (a command added to the
 * manifest only, a button on a message from an older version); without this Bolt answers 404 only
 * after its 3-second timeout, when Slack has already shown the user an error.
 */
export function answerUnknown(commands: readonly string[], actionIds: readonly string[]): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { ack, respond } = args as AnyMiddlewareArgs & Acknowledging;
    const body = args.body as { command?: unknown; type?: unknown; actions?: { action_id?: unknown }[] };
    if (typeof body.command === 'string' && !commands.includes(body.command) && ack) {
      await ack({ response_type: 'ephemeral', text: `smtp-desk has no ${body.command} command; type /smtp help to see what it does.` });
      return;
    }
    const unknownAction = body.type === 'block_actions' ? body.actions?.find((action) => !actionIds.includes(String(action.action_id))) : undefined;
    if (unknownAction && ack) {
      await ack();
      await respond?.({
        response_type: 'ephemeral',
        replace_original: false,
        text: `smtp-desk does not know this button (${String(unknownAction.action_id)}); it may be from an older message. Type /smtp help to start again.`,
      });
      return;
    }
    await args.next();
  };
}
