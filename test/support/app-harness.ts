import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { App, SocketModeReceiver } from '@slack/bolt';
import { loadConfig } from '../../src/config.js';
import { httpRoutes } from '../../src/http/routes.js';
import { createLogger } from '../../src/logger.js';
import { buildReceiver, createSlackApp } from '../../src/slack/app.js';
import type { AppContext } from '../../src/context.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore } from './db.js';
import { createDriver, type SlackDriver } from './driver.js';
import { refusingDns } from './fake-dns.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

export const testSigningSecret = 'test-signing-secret-0123456789abcdef';

export interface HarnessOptions {
  /** HTTP (signed requests to /slack/events, the default) or Socket Mode (envelopes over the fake's WebSocket). */
  mode?: 'http' | 'socket';
  /** Extra environment for loadConfig, e.g. APPROVERS or DIGEST_CHANNEL. */
  env?: Record<string, string>;
  /** A store the test opened (and closes itself); otherwise a fresh openTestStore() closed by stop(). */
  store?: Store;
  /** The clock the app sees (default: the real one). */
  now?: () => Date;
}

export interface Harness {
  fake: FakeSlack;
  store: Store;
  context: AppContext;
  app: App;
  /** Base URL of the app's HTTP server: /slack/events (HTTP mode) and /healthz (both modes). */
  baseUrl: string;
  /** Signs and POSTs slash commands and clicks to /slack/events (HTTP mode). */
  driver: SlackDriver;
  /** Everything the app logged (level error and above unless LOG_LEVEL is given in env). */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts the real Bolt app against a fake Slack and a test store, as `smtp-desk serve` would. */
export async function startApp(options: HarnessOptions = {}): Promise<Harness> {
  const mode = options.mode ?? 'http';
  const fake = await startFakeSlack();
  const ownStore = options.store === undefined;
  const store = options.store ?? (await openTestStore());
  const logged: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: testSigningSecret,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'error',
    ...refusingDns,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-test' } : {}),
    ...options.env,
  });
  const context: AppContext = { config, store, logger: createLogger(config.LOG_LEVEL, logStream), now: options.now ?? (() => new Date()) };
  const receiver = buildReceiver(context, httpRoutes(context));
  const app = createSlackApp({ context, receiver });

  let port: number;
  if (mode === 'socket') {
    await app.start();
    await fake.socketConnected();
    port = await listeningPort(socketModeHttpServer(receiver as SocketModeReceiver));
  } else {
    const server = (await app.start(0)) as Server;
    port = (server.address() as AddressInfo).port;
  }
  // Bolt verifies the bot token with auth.test as soon as the app is built; let that finish first,
  // so stopping the fake never leaves the app's WebClient retrying it.
  await fake.waitFor('auth.test');
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    fake,
    store,
    context,
    app,
    baseUrl,
    driver: createDriver({ url: `${baseUrl}/slack/events`, signingSecret: testSigningSecret, responseUrl: fake.responseUrl }),
    logs: () => logged.join(''),
    async stop() {
      if (mode === 'socket') await (receiver as SocketModeReceiver).client.disconnect();
      await app.stop();
      await fake.stop();
      if (ownStore) await store.close();
    },
  };
}

/** Socket Mode serves /healthz on PORT from a server Bolt keeps private; the test needs its port. */
function socketModeHttpServer(receiver: SocketModeReceiver): Server {
  const server = (receiver as unknown as { httpServer?: Server }).httpServer;
  if (!server) throw new Error('the Socket Mode receiver has no HTTP server (no custom routes?)');
  return server;
}

async function listeningPort(server: Server): Promise<number> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}
