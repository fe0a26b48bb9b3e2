import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One Web API call the app made, with its arguments decoded as Slack would read them. */
export interface RecordedCall {
  method: string;
  /** From `authorization: Bearer …` (or a `token` argument). */
  token: string | undefined;
  args: Record<string, unknown>;
}

/** One JSON body the app POSTed to a response_url (what respond() sent). */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

/** How a method fails: Slack's `{ok:false,error}`, an HTTP 5xx, HTTP 429 with Retry-After, or no answer at all. */
export type Failure =
  | { error: string }
  | { status: number }
  | { rateLimitedFor: number }
  | { hang: true };

/** What the app acknowledged a Socket Mode envelope with. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export type Responder = (call: RecordedCall) => Record<string, unknown>;

/** The identity `auth.test` reports for the bot. */
export const fakeIdentity = { user_id: 'U0SMTPBOT', bot_id: 'B0SMTPBOT', team_id: 'T0FAKETEAM', team: 'fake', user: 'smtp-desk' };

/** Fields Slack JSON-encodes inside a form-encoded Web API body. */
const jsonFields = new Set(['blocks', 'attachments', 'metadata', 'view', 'unfurls', 'user_auth_blocks']);

/** Pseudo method name for response_url posts, usable with `failNext`. */
export const responseUrlMethod = 'response_url';

export interface FakeSlack {
  /** Web API base URL for SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  /** A fresh response_url served by this fake. */
  responseUrl(): string;
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first call (recorded or still to come) to `method` matching `predicate`. */
  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponse(predicate?: (response: RecordedResponse) => boolean, timeoutMs?: number): Promise<RecordedResponse>;
  /** The next `times` calls to `method` fail as described; later ones succeed. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Answers `method` with `responder`'s body instead of the built-in answer. */
  answer(method: string, responder: Responder): void;
  /** Forgets recorded calls, responses, failures and custom answers. */
  reset(): void;
  /** Resolves once a Socket Mode client is connected and has been sent `hello`. */
  socketConnected(timeoutMs?: number): Promise<void>;
  /** Sends one envelope over the open Socket Mode connection and resolves with the app's ack. */
  sendEnvelope(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: Record<string, unknown>,
    options?: { acceptsResponsePayload?: boolean; timeoutMs?: number },
  ): Promise<SocketAck>;
  stop(): Promise<void>;
}

interface Waiter<T> {
  matches(item: T): boolean;
  resolve(item: T): void;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const callWaiters = new Set<Waiter<RecordedCall>>();
  const responseWaiters = new Set<Waiter<RecordedResponse>>();
  const failures = new Map<string, { failure: Failure; remaining: number }>();
  const responders = new Map<string, Responder>();
  const sockets = new Set<WebSocket>();
  const helloWaiters = new Set<() => void>();
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();
  let sequence = 0;
  let responseUrls = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const args = decodeBody(req.headers['content-type'] ?? '', raw);
      const url = new URL(req.url ?? '/', 'http://fake');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname.startsWith('/response/')) {
        const failure = takeFailure(responseUrlMethod);
        if (failure) return sendFailure(send, failure);
        const response = { id: url.pathname.slice('/response/'.length), body: args };
        responses.push(response);
        notify(responseWaiters, response);
        return send(200, { ok: true });
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const call: RecordedCall = { method, token: bearer ?? asString(args.token), args };
      calls.push(call);
      notify(callWaiters, call);
      const failure = takeFailure(method);
      if (failure) return sendFailure(send, failure);
      const responder = responders.get(method);
      send(200, responder ? responder(call) : builtInAnswer(call));
    });
  });

  const builtInAnswer = ({ method, token, args }: RecordedCall): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', ...fakeIdentity };
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A0FAKEAPP` };
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: botMessage(ts, args) };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text, message: botMessage(String(args.ts), args) };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'users.info':
        return { ok: true, user: { id: args.user, team_id: fakeIdentity.team_id, name: `user-${String(args.user).toLowerCase()}`, is_bot: false, deleted: false } };
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, name: `channel-${String(args.channel).toLowerCase()}`, is_channel: true, is_member: true } };
      default:
        return { ok: true };
    }
  };

  const takeFailure = (method: string): Failure | undefined => {
    const entry = failures.get(method);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) failures.delete(method);
    return entry.failure;
  };

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/link/')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        pendingAcks.get(ack.envelope_id)?.(ack);
        pendingAcks.delete(ack.envelope_id);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.size,
          debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0FAKEAPP' },
        }),
      );
      helloWaiters.forEach((resolve) => resolve());
      helloWaiters.clear();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    responses,
    responseUrl: () => `${base}/response/${++responseUrls}`,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 5_000) =>
      waitForItem(calls, callWaiters, (call) => call.method === method && predicate(call), timeoutMs, `a ${method} call`),
    waitForResponse: (predicate = () => true, timeoutMs = 5_000) =>
      waitForItem(responses, responseWaiters, predicate, timeoutMs, 'a response_url post'),
    failNext(method, failure, times = 1) {
      failures.set(method, { failure, remaining: times });
    },
    answer(method, responder) {
      responders.set(method, responder);
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      failures.clear();
      responders.clear();
    },
    socketConnected(timeoutMs = 5_000) {
      if (sockets.size > 0) return Promise.resolve();
      return withTimeout(new Promise<void>((resolve) => helloWaiters.add(resolve)), timeoutMs, 'a Socket Mode connection');
    },
    sendEnvelope(type, payload, options = {}) {
      const socket = [...sockets].at(-1);
      if (!socket) return Promise.reject(new Error('no Socket Mode client is connected'));
      const envelopeId = randomUUID();
      const acked = new Promise<SocketAck>((resolve) => pendingAcks.set(envelopeId, resolve));
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: options.acceptsResponsePayload ?? type === 'slash_commands',
        }),
      );
      // Slack gives up on an envelope that is not acknowledged within 3 seconds.
      return withTimeout(acked, options.timeoutMs ?? 3_000, `the ack of envelope ${envelopeId}`);
    },
    async stop() {
      sockets.forEach((socket) => socket.terminate());
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeBody(contentType: string, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = jsonFields.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

function botMessage(ts: string, args: Record<string, unknown>): Record<string, unknown> {
  return { type: 'message', user: fakeIdentity.user_id, bot_id: fakeIdentity.bot_id, ts, text: args.text, blocks: args.blocks };
}

function sendFailure(send: (status: number, body: unknown, headers?: Record<string, string>) => void, failure: Failure): void {
  if ('error' in failure) return send(200, { ok: false, error: failure.error });
  if ('status' in failure) return send(failure.status, { ok: false, error: 'fake_http_error' });
  if ('hang' in failure) return;
  send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.rateLimitedFor) });
}

function notify<T>(waiters: Set<Waiter<T>>, item: T): void {
  for (const waiter of waiters) {
    if (waiter.matches(item)) {
      waiters.delete(waiter);
      waiter.resolve(item);
    }
  }
}

function waitForItem<T>(seen: T[], waiters: Set<Waiter<T>>, matches: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const found = seen.find(matches);
  if (found !== undefined) return Promise.resolve(found);
  let waiter: Waiter<T> | undefined;
  const arrived = new Promise<T>((resolve) => {
    waiter = { matches, resolve };
    waiters.add(waiter);
  });
  return withTimeout(arrived, timeoutMs, what).finally(() => waiters.delete(waiter!));
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
