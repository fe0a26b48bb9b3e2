import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Something the app sent to "Slack" in local mode, to be shown in the console. */
export interface LocalMessage {
  via: 'ack' | 'response_url' | 'chat.postMessage' | 'chat.postEphemeral' | 'chat.update';
  channel: string;
  ts: string;
  threadTs?: string | undefined;
  text?: string | undefined;
  blocks?: unknown[] | undefined;
  ephemeral: boolean;
  replaceOriginal?: boolean;
}

export interface LocalSlack {
  /** Base URL of the stand-in Web API, for clientOptions.slackApiUrl. */
  apiUrl: string;
  responseUrl(): string;
  stop(): Promise<void>;
}

export const localBotIdentity = { botId: 'B0SMTPDESK', botUserId: 'U0SMTPDESK' };
const identity = { user_id: localBotIdentity.botUserId, bot_id: localBotIdentity.botId, team_id: 'T0LOCAL', team: 'local', user: 'smtp-desk' };

/**
 * A loopback stand-in for Slack's Web API and response URLs, so local mode drives the real Bolt
 * app unchanged: whatever the app posts is handed to `onMessage` for the console to print.
 */
export async function startLocalSlack(onMessage: (message: LocalMessage) => void, channel: string): Promise<LocalSlack> {
  let sequence = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const args = parseBody(req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8'));
      const url = req.url ?? '';
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.startsWith('/response/')) {
        onMessage({
          via: 'response_url',
          channel,
          ts: nextTs(),
          text: asString(args.text),
          blocks: asBlocks(args.blocks),
          ephemeral: args.response_type !== 'in_channel',
          replaceOriginal: args.replace_original === true || args.replace_original === 'true',
        });
        return reply({ ok: true });
      }
      const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
      if (method === 'auth.test') return reply({ ok: true, ...identity });
      if (method === 'chat.postMessage' || method === 'chat.postEphemeral' || method === 'chat.update') {
        const ts = method === 'chat.update' ? (asString(args.ts) ?? nextTs()) : nextTs();
        const target = asString(args.channel) ?? channel;
        onMessage({
          via: method,
          channel: target,
          ts,
          threadTs: asString(args.thread_ts),
          text: asString(args.text),
          blocks: asBlocks(args.blocks),
          ephemeral: method === 'chat.postEphemeral',
        });
        return reply({ ok: true, channel: target, ts, message: { ts, text: args.text } });
      }
      if (method === 'users.info') {
        return reply({ ok: true, user: { id: asString(args.user), name: 'you', is_bot: false } });
      }
      return reply({ ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  let responses = 0;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: () => `${base}/response/${++responses}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = key === 'blocks' || key === 'attachments' ? JSON.parse(value) : value;
  }
  return args;
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
const asBlocks = (value: unknown) => (Array.isArray(value) ? value : undefined);
