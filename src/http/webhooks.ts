import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { findAdapter, formatsFor } from '../ingest/adapters/index.js';
import { formats, type Format } from '../ingest/adapters/adapter.js';
import { importRecords, type Rejection } from '../ingest/import.js';
import type { SourceRecord } from '../ingest/records.js';
import type { AppContext } from '../context.js';
import { sendJson } from './healthz.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { validSignature, validToken, webhookAuth } from './webhook-auth.js';

type RouteRequest = Parameters<CustomRoute['handler']>[0];

/** Sequencer payloads are small; Smartlead's carry the sent message's HTML, hence the room. */
export const webhookBodyLimit = 1024 * 1024;

const howToEnable =
  'webhooks are off: set WEBHOOK_TOKEN (and add ?token=<it> to the webhook URL), or SMARTLEAD_WEBHOOK_SECRET for signed Smartlead deliveries';

/**
 * POST /webhooks/:sequencer — a bounce event (or an array of them) as the sequencer sends it,
 * stored like `smtp-desk import bounces --format <sequencer>`. Answers 200 only after the rows are
 * committed, so a sender retrying after a failure never loses an event, and a redelivery stores
 * nothing new.
 */
export function webhookRoutes(context: AppContext): CustomRoute[] {
  return [
    {
      path: '/webhooks/:sequencer',
      method: ['POST'],
      handler: (req, res) => {
        handle(context, req, res).catch((error: unknown) => {
          context.logger.error('webhook failed:', error);
          if (!res.headersSent) sendJson(res, 503, { ok: false, error: 'could not store the event; retry later' });
        });
      },
    },
  ];
}

async function handle(context: AppContext, req: RouteRequest, res: ServerResponse): Promise<void> {
  const param = req.params?.sequencer;
  const sequencer = typeof param === 'string' ? param : '';
  const adapter = formats.includes(sequencer as Format) ? findAdapter('bounces', sequencer as Format) : undefined;
  if (!adapter) return refuse(req, res, 404, `no webhook for "${sequencer}": use one of ${formatsFor('bounces').join(', ')}`);
  const auth = webhookAuth(context.config, sequencer);
  if (auth.kind === 'disabled') return refuse(req, res, 404, howToEnable);
  if (auth.kind === 'url-token') {
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    if (!validToken(auth.token, token)) return refuse(req, res, 401, 'missing or wrong ?token=');
  }
  let body: Buffer;
  try {
    body = await readBody(req, webhookBodyLimit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return refuse(req, res, 413, error.message);
    throw error;
  }
  if (auth.kind === 'smartlead-signature' && !validSignature(auth.secret, body, req.headers['x-smartlead-signature'])) {
    return sendJson(res, 401, { ok: false, error: 'missing or wrong X-Smartlead-Signature' });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return sendJson(res, 400, { ok: false, error: `body is not JSON: ${(error as Error).message}` });
  }
  const payloads = Array.isArray(payload) ? payload : [payload];
  const records: SourceRecord[] = payloads.map((data, i) => ({ line: i + 1, raw: [], data }));
  const rejections: Rejection[] = [];
  const counts = await importRecords({
    db: context.store.pool,
    adapter,
    source: { header: ['payload'], records: toAsync([records]) },
    onReject: (rejection) => void rejections.push(rejection),
  });
  const result = { stored: counts.inserted, duplicates: counts.duplicates, conflicts: counts.conflicts, ignored: counts.ignored };
  const described = (kind: Rejection['kind']) =>
    rejections.filter((r) => r.kind === kind).map((r) => (payloads.length > 1 ? `event ${r.line}: ${r.reason}` : r.reason));
  const invalid = described('rejected');
  if (invalid.length > 0) return sendJson(res, 400, { ok: false, error: invalid.join('; '), ...result });
  // A conflict is answered 200: sending the event again cannot change it, and the sender must not stop delivering.
  const warnings = described('conflict');
  for (const warning of warnings) context.logger.warn(`webhook ${sequencer}: ${warning}`);
  sendJson(res, 200, { ok: true, ...result, ...(warnings.length > 0 ? { warnings } : {}) });
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** Answers before (or instead of) reading the body, and closes the connection so an unread body is not kept. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, error: string): void {
  res.setHeader('connection', 'close');
  sendJson(res, status, { ok: false, error });
  req.resume();
}
