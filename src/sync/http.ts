import type { z } from 'zod';
import { systemReasons } from '../faults.js';
import type { Pace } from './pace.js';

/** Every call to a sending tool or the webhook gives up after this long without an answer. */
export const toolCallTimeoutMs = 10_000;

/** The call may succeed later: a rate limit, an outage, a timeout. `afterMs` is what the tool asked to wait, if it said. */
export class RetryLater extends Error {
  constructor(message: string, readonly afterMs: number | null = null) {
    super(message);
  }
}

/** The tool refused the call; another attempt gets the same answer. */
export class Refused extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/** A refusal of the key itself (401, 403): nothing else in the row can succeed either. */
export const refusesKey = (error: unknown): boolean => error instanceof Refused && (error.status === 401 || error.status === 403);

/** A tool's answer read with `schema`; an answer of another shape is a refusal (502), not a retry. */
export function shapedAnswer<T>(tool: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Refused(`${tool} answered in a shape smtp-desk does not know`, 502);
  return parsed.data;
}

export interface ToolRequest {
  /** The tool's name for messages, e.g. `Instantly`. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** The exact body to send (JSON). */
  body?: string;
  pace: Pace;
  /** Aborted when the worker stops: the call is dropped and the row given back at once. */
  signal: AbortSignal;
}

/** The answer's message, as Instantly (`{statusCode, error, message}`) and Smartlead (`{message}`) word it. */
function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  return typeof error === 'string' && error !== '' ? error : null;
}

/** Retry-After in seconds or as an HTTP date, or Smartlead's `retry_after` (seconds) in the body. */
function retryAfterMs(header: string | null, body: unknown): number | null {
  const inBody = typeof body === 'object' && body !== null ? (body as { retry_after?: unknown }).retry_after : undefined;
  const seconds = header !== null && /^\d+(\.\d+)?$/.test(header.trim()) ? Number(header) : Number(inBody);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = header === null ? NaN : Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One HTTP call to a tool, in its turn of the tool's pace and with a timeout. Returns the parsed
 * body of a 2xx answer; throws RetryLater for 429 (pausing the tool's pace as asked), 408, 5xx, a
 * timeout or a network fault, and Refused for any other 4xx, with the tool's own message.
 */
export async function callTool(request: ToolRequest): Promise<unknown> {
  await request.pace.turn(request.signal);
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(toolCallTimeoutMs)]),
    });
    text = await response.text();
  } catch (error) {
    if (request.signal.aborted) throw new RetryLater('smtp-desk stopped during the call', 0);
    if ((error as Error).name === 'TimeoutError') throw new RetryLater(`${request.name} did not answer within ${toolCallTimeoutMs / 1000} s`);
    const code = String((error as { cause?: { code?: unknown } }).cause?.code ?? '');
    throw new RetryLater(`cannot reach ${request.name} (${systemReasons[code] ?? (code || (error as Error).message)})`);
  }
  const body = parse(text);
  if (response.ok) return body;
  const said = messageOf(body) ?? `HTTP ${response.status}`;
  if (response.status === 429) {
    const after = retryAfterMs(response.headers.get('retry-after'), body);
    if (after !== null) request.pace.hold(after);
    throw new RetryLater(`${request.name} is rate-limiting smtp-desk (${said})`, after);
  }
  if (response.status === 408 || response.status >= 500) throw new RetryLater(`${request.name} answered ${response.status} (${said})`);
  throw new Refused(said, response.status);
}
