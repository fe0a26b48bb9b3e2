import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AppContext } from '../context.js';

const probeTimeoutMs = 2_000;

export async function databaseIsUp(context: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), probeTimeoutMs);
  });
  const probe = context.store.pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function healthzRoute(context: AppContext): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void databaseIsUp(context).then((up) =>
        sendJson(res, up ? 200 : 503, up ? { ok: true, db: 'up' } : { ok: false, db: 'down' }),
      );
    },
  };
}
