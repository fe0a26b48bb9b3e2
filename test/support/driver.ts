import { createHmac } from 'node:crypto';

/** Who clicks and types in the driver's requests unless a test says otherwise. */
export const testUser = { id: 'U0TESTUSER', username: 'ops.lead', name: 'ops.lead', team_id: 'T0FAKETEAM' };
export const testChannel = { id: 'C0TESTCHAN', name: 'deliverability' };
export const testTeam = { id: 'T0FAKETEAM', domain: 'fake' };
const apiAppId = 'A0FAKEAPP';
const verificationToken = 'legacy-verification-token';

/** The form fields of a slash command, as Slack posts them. */
export type SlashCommandFields = Record<string, string>;

/** A slash command's fields; `text` is what follows the command, already escaped as Slack does. */
export function slashCommandFields(command: string, text: string, responseUrl: string, overrides: Partial<SlashCommandFields> = {}): SlashCommandFields {
  return {
    token: verificationToken,
    team_id: testTeam.id,
    team_domain: testTeam.domain,
    channel_id: testChannel.id,
    channel_name: testChannel.name,
    user_id: testUser.id,
    user_name: testUser.username,
    command,
    text,
    api_app_id: apiAppId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.1234.abcdef`,
    ...overrides,
  };
}

/** Slack's escaping of slash-command text: `&`, `<` and `>` become entities. */
export const escapeLikeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface ButtonClick {
  action_id: string;
  block_id?: string;
  value?: string;
  text?: string;
  style?: 'primary' | 'danger';
}

export interface BlockActionsOptions {
  user?: Partial<typeof testUser>;
  channel?: { id: string; name: string };
  /** The message holding the button; omit for an ephemeral message (Slack sends none then). */
  message?: { ts: string; text?: string; blocks?: unknown[]; user?: string; bot_id?: string };
  responseUrl: string;
}

/** The JSON of a `block_actions` payload for one button click, shaped as Slack sends it. */
export function blockActionsPayload(click: ButtonClick, options: BlockActionsOptions): Record<string, unknown> {
  const user = { ...testUser, ...options.user };
  const channel = options.channel ?? testChannel;
  const { message } = options;
  return {
    type: 'block_actions',
    user,
    api_app_id: apiAppId,
    token: verificationToken,
    container: message
      ? { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false }
      : { type: 'message', message_ts: `${Math.floor(Date.now() / 1000)}.000100`, channel_id: channel.id, is_ephemeral: true },
    trigger_id: `${Date.now()}.1234.abcdef`,
    team: testTeam,
    enterprise: null,
    is_enterprise_install: false,
    channel,
    ...(message ? { message: { type: 'message', ...message } } : {}),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.action_id,
        block_id: click.block_id ?? 'block',
        text: { type: 'plain_text', text: click.text ?? click.action_id, emoji: true },
        ...(click.value === undefined ? {} : { value: click.value }),
        ...(click.style ? { style: click.style } : {}),
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}

export interface SignOptions {
  /** Unix seconds for x-slack-request-timestamp (default: now). */
  timestamp?: number;
  /** Sign with this secret instead of the app's (a forged request). */
  signingSecret?: string;
  /** Send this x-slack-signature verbatim. */
  signature?: string;
}

export interface DriverResponse {
  status: number;
  headers: Headers;
  /** Raw response body. */
  text: string;
  /** The body parsed as JSON when it is JSON (Bolt's ack payload), else undefined. */
  body: Record<string, unknown> | undefined;
}

export const sign = (secret: string, timestamp: number, rawBody: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;

export interface SlackDriver {
  /** POSTs form fields to the app's request URL, signed as Slack signs them. */
  post(fields: Record<string, string>, options?: SignOptions): Promise<DriverResponse>;
  /** Types `command text` in Slack; the response_url points at the fake. */
  command(command: string, text: string, options?: SignOptions & { fields?: Partial<SlashCommandFields> }): Promise<DriverResponse>;
  /** Clicks a button; the response_url points at the fake. */
  click(click: ButtonClick, options?: SignOptions & Omit<BlockActionsOptions, 'responseUrl'>): Promise<DriverResponse>;
}

export function createDriver(target: { url: string; signingSecret: string; responseUrl: () => string }): SlackDriver {
  const post = async (fields: Record<string, string>, options: SignOptions = {}): Promise<DriverResponse> => {
    const rawBody = new URLSearchParams(fields).toString();
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? sign(options.signingSecret ?? target.signingSecret, timestamp, rawBody),
      },
      body: rawBody,
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json') && text !== '';
    return { status: response.status, headers: response.headers, text, body: isJson ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return {
    post,
    command: (command, text, options = {}) => post(slashCommandFields(command, text, target.responseUrl(), options.fields), options),
    click: (click, options = {}) =>
      post({ payload: JSON.stringify(blockActionsPayload(click, { ...options, responseUrl: target.responseUrl() })) }, options),
  };
}
