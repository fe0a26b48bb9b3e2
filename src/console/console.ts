import readline from 'node:readline';
import { findCodes } from '../knowledge/codes.js';
import { escapeMrkdwn } from '../slack/blocks/mrkdwn.js';
import { createSlackApp } from '../slack/app.js';
import type { AppContext } from '../context.js';
import { consoleEntries } from './entries.js';
import { localBotIdentity, startLocalSlack, type LocalMessage } from './local-slack.js';
import { ConsoleReceiver } from './receiver.js';
import { renderBlocks, type NumberedButton } from './render.js';

export const localUser = { id: 'U0LOCALUSER', name: 'you' };
const localChannel = { id: 'C0LOCAL', name: 'local' };
const localTeam = { id: 'T0LOCAL', domain: 'local' };

export interface ConsoleIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

interface SlashCommand {
  command: string;
  text: string;
}

/**
 * What was entered, as Slack would send it: text that starts with a command is that command with
 * the rest (every later line of a paste included) as its text; a paste without one is looked up with /smtp.
 */
function slashCommand(entered: string): SlashCommand {
  const command = entered.startsWith('/') ? (entered.split(/\s/, 1)[0] ?? '') : '';
  return command ? { command, text: entered.slice(command.length).trim() } : { command: '/smtp', text: entered };
}

interface PressableButton extends NumberedButton {
  message: LocalMessage;
}

/**
 * The local console: `/smtp …` lines and button numbers in, rendered answers out. Returns when the
 * user types `exit` or the input ends.
 */
/** A line that is only a reply code (`550`): no card has that many buttons. */
const isReplyCode = (line: string) => findCodes(line).some((code) => code.reply === Number(line));

export async function runConsole(context: AppContext, io: ConsoleIo): Promise<void> {
  const print = (line = '') => io.output.write(`${line}\n`);
  let buttons: PressableButton[] = [];

  const show = (message: LocalMessage) => {
    const rendered = renderBlocks(message.blocks ?? [], message.text, buttons.length + 1, { [localUser.id]: localUser.name });
    const label = message.via === 'chat.update' ? '(message updated)' : message.threadTs ? '(thread reply)' : message.ephemeral ? '(only you can see this)' : `(posted in #${localChannel.name})`;
    print();
    print(label);
    rendered.lines.forEach((line) => print(line));
    buttons.push(...rendered.buttons.map((button) => ({ ...button, message })));
  };

  const slack = await startLocalSlack(show, localChannel.id);
  const receiver = new ConsoleReceiver();
  const localContext: AppContext = {
    ...context,
    // In local mode the person at the console decides on domains: they are an approver.
    config: { ...context.config, SLACK_BOT_TOKEN: 'xoxb-local-console', SLACK_API_URL: slack.apiUrl, APPROVERS: [...context.config.APPROVERS, localUser.id] },
  };
  createSlackApp({ context: localContext, receiver, identity: localBotIdentity });

  const ackAsMessage = (response: unknown) => {
    const body = typeof response === 'string' ? { text: response } : (response as { text?: string; blocks?: unknown[]; response_type?: string });
    show({ via: 'ack', channel: localChannel.id, ts: '', text: body.text, blocks: body.blocks, ephemeral: body.response_type !== 'in_channel' });
  };

  const runCommand = async ({ command, text }: SlashCommand) => {
    buttons = [];
    await receiver.dispatch(
      {
        token: 'local',
        team_id: localTeam.id,
        team_domain: localTeam.domain,
        channel_id: localChannel.id,
        channel_name: localChannel.name,
        user_id: localUser.id,
        user_name: localUser.name,
        command,
        text: escapeMrkdwn(text),
        api_app_id: 'A0LOCAL',
        is_enterprise_install: 'false',
        response_url: slack.responseUrl(),
        trigger_id: `local.${Date.now()}`,
      },
      ackAsMessage,
    );
  };

  const press = async (button: PressableButton) => {
    const { message } = button;
    buttons = [];
    await receiver.dispatch(
      {
        type: 'block_actions',
        user: { id: localUser.id, username: localUser.name, name: localUser.name, team_id: localTeam.id },
        api_app_id: 'A0LOCAL',
        token: 'local',
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral },
        trigger_id: `local.${Date.now()}`,
        team: localTeam,
        channel: localChannel,
        ...(message.ephemeral ? {} : { message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks } }),
        state: { values: {} },
        response_url: slack.responseUrl(),
        actions: [
          {
            type: 'button',
            action_id: button.actionId,
            block_id: button.blockId,
            text: { type: 'plain_text', text: button.text },
            value: button.value,
            ...(button.style ? { style: button.style } : {}),
            action_ts: String(Date.now() / 1000),
          },
        ],
      },
      ackAsMessage,
    );
  };

  const interactive = Boolean(io.input.isTTY);
  const lines = readline.createInterface({ input: io.input, output: interactive ? io.output : undefined, terminal: interactive });
  let pendingConfirm: PressableButton | undefined;
  const prompt = () => {
    if (interactive) lines.setPrompt(pendingConfirm ? 'confirm? [y/N] ' : 'smtp-desk> ');
    if (interactive) lines.prompt();
  };

  // Ask the terminal to mark pastes (bracketed paste mode), so a paste is known for one.
  const bracketedPaste = interactive && Boolean((io.output as { isTTY?: boolean }).isTTY);
  if (bracketedPaste) io.output.write('\x1b[?2004h');

  try {
    prompt();
    for await (const entry of consoleEntries(lines, io.input, interactive)) {
      if (entry.pasted) {
        if (pendingConfirm) print('Cancelled.');
        pendingConfirm = undefined;
        const pasted = entry.lines.join('\n').trim();
        if (pasted !== '') await runCommand(slashCommand(pasted));
        prompt();
        continue;
      }
      const line = (entry.lines[0] ?? '').trim();
      if (pendingConfirm) {
        const button = pendingConfirm;
        pendingConfirm = undefined;
        if (/^y(es)?$/i.test(line)) await press(button);
        else print('Cancelled.');
      } else if (line === 'exit' || line === 'quit') {
        break;
      } else if (line.startsWith('/')) {
        await runCommand(slashCommand(line));
      } else if (/^\d+$/.test(line) && !isReplyCode(line)) {
        const button = buttons.find((candidate) => candidate.number === Number(line));
        if (!button) print(buttons.length ? `There is no button ${line}; choose 1 to ${buttons.length}.` : 'There are no buttons to press right now.');
        else if (button.confirm) {
          print(`${button.confirm.title}: ${button.confirm.text}`);
          pendingConfirm = button;
          if (!interactive) print('(type y to confirm)');
        } else await press(button);
      } else if (findCodes(line).length > 0) {
        // A bounce (or a bare reply code) typed or piped without /smtp: what else could it be for?
        await runCommand(slashCommand(line));
      } else if (line !== '') {
        print('Type a command such as /smtp 550 5.7.26 or /smtp help, a button number, or exit.');
      }
      prompt();
    }
  } finally {
    if (bracketedPaste) io.output.write('\x1b[?2004l');
    lines.close();
    await slack.stop();
  }
}
