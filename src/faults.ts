import { UserFacingError } from './errors.js';

/**
 * Known failures of the database, the file system and Slack, turned into the one line a person
 * reads instead of a stack trace. Each table below is the single place its codes are explained.
 */

/** What a system error code means, in words. */
export const systemReasons: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  EADDRINUSE: 'another program is listening there; set PORT',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EPIPE: 'connection closed',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
};

/** Postgres refusals at connection time (SQLSTATE), and what to check. */
const postgresRefusals: Readonly<Record<string, string>> = {
  '3D000': 'check DATABASE_URL', // invalid_catalog_name: no such database
  '28000': 'check DATABASE_URL', // invalid_authorization_specification: no such role, or pg_hba refuses it
  '28P01': 'check the password in DATABASE_URL', // invalid_password
  '53300': 'the server has no connection slots left; try again later', // too_many_connections
  '57P03': 'the server is starting up or shutting down; try again later', // cannot_connect_now
};

/** Postgres ending a session it had accepted (SQLSTATE). */
const postgresTerminations = new Set(['57P01', '57P02', '08006', '08003']);

/** Messages of `pg` itself when the server goes away mid-session (they carry no code). */
const lostConnectionMessages = [/^Connection terminated/, /^Client has encountered a connection error/];

/** What a Slack platform error means, in words. */
export const slackReasons: Readonly<Record<string, string>> = {
  invalid_auth: 'the token is wrong, revoked or from another workspace',
  not_authed: 'no token was sent',
  token_revoked: 'the token was revoked',
  token_expired: 'the token has expired',
  account_inactive: 'the app was uninstalled or its workspace is gone',
  not_allowed_token_type: 'that kind of token cannot do this (the app token starts with xapp-, the bot token with xoxb-)',
  missing_scope: 'the app lacks a scope it needs; reinstall it from manifest.yml',
  channel_not_found: 'no such channel, or the bot cannot see it',
  not_in_channel: 'the bot is not in the channel; /invite it there',
  is_archived: 'the channel is archived',
  ratelimited: 'Slack is rate-limiting smtp-desk; try again in a minute',
};

/** Where the failure happened, to name it in the line. */
export interface FaultContext {
  /** host:port of DATABASE_URL, or undefined for the embedded database. */
  databaseAt?: string | undefined;
}

interface ErrnoLike {
  code?: unknown;
  syscall?: unknown;
  address?: unknown;
  port?: unknown;
  severity?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  original?: unknown;
}

const fields = (error: unknown): ErrnoLike => (typeof error === 'object' && error !== null ? (error as ErrnoLike) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const where = (context: FaultContext) => (context.databaseAt ? `the database at ${context.databaseAt}` : 'the database');

/** The words for a Slack platform error code, e.g. `invalid_auth: the token is wrong, …`. */
export function slackReason(error: unknown): string | undefined {
  const code = text(fields(error).data?.error);
  if (code === '') return undefined;
  return slackReasons[code] ? `${code}: ${slackReasons[code]}` : code;
}

/** A Slack call that got no answer in time or could not reach Slack, in words. */
export function slackRequestReason(error: unknown): string | undefined {
  if (text(fields(error).code) !== 'slack_webapi_request_error') return undefined;
  const original = fields(fields(error).original);
  if (text((original as { name?: unknown }).name) === 'TimeoutError') return 'Slack did not answer in time';
  const cause = fields((original as { cause?: unknown }).cause);
  return `cannot reach Slack (${systemReasons[text(cause.code)] ?? text(original.message)})`;
}

/**
 * A connection to the database refused after the verb had reached it: the database went away in
 * the middle of the work, which is not the same fault as a wrong DATABASE_URL at start.
 */
export class DatabaseLostError extends Error {
  constructor(readonly lost: unknown) {
    super('the database went away during the work');
  }
}

/** True for an error of opening a TCP connection (refused, unreachable, timed out). */
export const isConnectError = (error: unknown): boolean => fields(error).syscall === 'connect';

const lostLine = (context: FaultContext, reason: string) =>
  `lost the connection to ${where(context)} (${reason}); what was stored before stays stored; run it again once the database is back`;

interface Fault {
  line(error: unknown, context: FaultContext): string | undefined;
}

/** In order: the first fault whose line is defined describes the error. */
const faults: Fault[] = [
  { line: (error) => (error instanceof UserFacingError ? error.message : undefined) },
  {
    line: (error) => {
      const { code, syscall, port } = fields(error);
      if (syscall !== 'listen') return undefined;
      return `cannot listen on port ${String(port)} (${systemReasons[text(code)] ?? text(code)})`;
    },
  },
  {
    line: (error, context) => {
      if (!(error instanceof DatabaseLostError)) return undefined;
      const { code } = fields(error.lost);
      return lostLine(context, systemReasons[text(code)] ?? text(code));
    },
  },
  {
    line: (error) => {
      const { code, syscall, address, port } = fields(error);
      if (syscall !== 'connect' || typeof address !== 'string') return undefined;
      return `cannot connect to the database at ${address}:${String(port)} (${systemReasons[text(code)] ?? text(code)})`;
    },
  },
  {
    line: (error, context) => {
      const { code, severity, message } = fields(error);
      const hint = postgresRefusals[text(code)];
      if (typeof severity !== 'string' || hint === undefined) return undefined;
      const at = context.databaseAt ? ` at ${context.databaseAt}` : '';
      return `cannot open the database${at}: ${text(message)} (${hint})`;
    },
  },
  {
    line: (error, context) => {
      const { code, severity, message } = fields(error);
      const lost =
        (typeof severity === 'string' && postgresTerminations.has(text(code))) ||
        lostConnectionMessages.some((pattern) => pattern.test(text(message))) ||
        (code === 'ECONNRESET' && syscallOf(error) === 'read');
      if (!lost) return undefined;
      return lostLine(context, lowerFirst(text(message)));
    },
  },
  { line: (error) => (slackReason(error) ? `Slack refused the call (${slackReason(error)})` : undefined) },
  { line: (error) => slackRequestReason(error) },
];

const syscallOf = (error: unknown) => fields(error).syscall;
const lowerFirst = (value: string) => value.charAt(0).toLowerCase() + value.slice(1);

/** The one line for a known error (without the `smtp-desk: ` prefix), or undefined for an unknown one. */
export function faultLine(error: unknown, context: FaultContext = {}): string | undefined {
  for (const fault of faults) {
    const line = fault.line(error, context);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** The host:port a postgres:// URL names, for naming the database in a line. */
export function databaseAt(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return undefined;
  try {
    const url = new URL(databaseUrl);
    return url.port ? `${url.hostname}:${url.port}` : `${url.hostname}:5432`;
  } catch {
    return undefined;
  }
}
