import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { formatsFor, webhookAdapter } from '../ingest/adapters/index.js';
import { importRecords, type Rejection } from '../ingest/import.js';
import type { SourceRecord } from '../ingest/records.js';
import { holdPayloads } from '../store/dead-letters.js';
import type { AppContext } from '../context.js';
import { sendJson } from './healthz.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { carriesSecret, validSignature, validToken, webhookAuth } from './webhook-auth.js';

type RouteRequest = Parameters<CustomRoute['handler']>[0];

/** Sequencer payloads are small; Smartlead's carry the sent message's HTML, hence the room. */
export const webhookBodyLimit = 1024 * 1024;

const smartleadUnsigned = 'no X-Smartlead-Signature, and the payload does not carry the secret as secret_key';

const howToEnable =
  'webhooks are off: set WEBHOOK_TOKEN (and add ?token=<it> to the webhook URL), or SMARTLEAD_WEBHOOK_SECRET for signed Smartlead deliveries';

/**
 * POST /webhooks/:sequencer — a bounce event (or an array of them) as the sequencer sends it,
 * stored like `smtp-desk import bounces --format <sequencer>`. Answers 200 only after the rows are
 * committed, so a sender retrying after a failure never loses an event, and a redelivery stores
 * nothing new. An authenticated event the adapter cannot read is held whole in
 * webhook_dead_letters with its reason (`smtp-desk rejects`) and answered 200 as well.
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
  const adapter = webhookAdapter(sequencer);
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
  const signature = req.headers['x-smartlead-signature'];
  if (auth.kind === 'smartlead-signature' && signature !== undefined && !validSignature(auth.secret, body, signature)) {
    return sendJson(res, 401, { ok: false, error: 'wrong X-Smartlead-Signature' });
  }
  const bySecretKey = auth.kind === 'smartlead-signature' && signature === undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch (error) {
    if (bySecretKey) return sendJson(res, 401, { ok: false, error: smartleadUnsigned });
    return sendJson(res, 400, { ok: false, error: `body is not JSON: ${(error as Error).message}` });
  }
  const payloads = Array.isArray(payload) ? payload : [payload];
  if (bySecretKey && !payloads.every((item) => carriesSecret(auth.secret, item))) {
    return sendJson(res, 401, { ok: false, error: smartleadUnsigned });
  }
  const records: SourceRecord[] = payloads.map((data, i) => ({ line: i + 1, raw: [], data }));
  const rejections: Rejection[] = [];
  const counts = await importRecords({
    db: context.store.pool,
    adapter,
    source: { header: ['payload'], records: toAsync([records]) },
    onReject: (rejection) => void rejections.push(rejection),
  });
  const numbered = (r: Rejection, what: string) => (payloads.length > 1 ? `event ${r.line}: ${what}${r.reason}` : `${what}${r.reason}`);
  // An event the adapter cannot read is held, not refused: a sequencer drops a 4xx event for good, or switches the webhook off.
  const invalid = rejections.filter((r) => r.kind === 'rejected');
  await holdPayloads(context.store.pool, sequencer, invalid.map((r) => ({ payload: payloads[r.line - 1], reason: r.reason })));
  // A conflict is answered 200 too: sending the event again cannot change it.
  const warnings = [
    ...invalid.map((r) => numbered(r, 'held: ')),
    ...rejections.filter((r) => r.kind === 'conflict').map((r) => numbered(r, '')),
  ];
  for (const warning of warnings) context.logger.warn(`webhook ${sequencer}: ${warning}`);
  sendJson(res, 200, {
    ok: true,
    stored: counts.inserted,
    duplicates: counts.duplicates,
    conflicts: counts.conflicts,
    ignored: counts.ignored,
    held: invalid.length,
    ...(warnings.length > 0 ? { warnings } : {}),
  });
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
