import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { startApp, type Harness } from '../support/app-harness.js';

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GET /healthz', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('answers 200 {"ok":true,"db":"up"} when the database answers', async () => {
    harness = await startApp();
    const response = await fetch(`${harness.baseUrl}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"ok":true,"db":"up"}');
  });

  it('answers 503 when the database cannot be reached', async () => {
    const store = await openStore({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/smtp_desk` });
    try {
      harness = await startApp({ store });
      const response = await fetch(`${harness.baseUrl}/healthz`);

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, db: 'down' });
    } finally {
      await store.close();
    }
  });
});
