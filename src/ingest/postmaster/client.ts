import { OAuth2Client } from 'google-auth-library';
import type { Config, GoogleCredentials } from '../../config.js';
import { UserFacingError } from '../../errors.js';
import { systemReasons } from '../../faults.js';

/** The one scope smtp-desk asks the operator to grant (README, Google Postmaster Tools). */
const postmasterScope = 'https://www.googleapis.com/auth/postmaster.traffic.readonly';

/** A failed call to Google: the one line that says why (the CLI prints it, serve logs it). */
export class PostmasterError extends UserFacingError {}

/** Posts a v2 `domainStats:batchQuery` and returns the answer's JSON. */
export type BatchQuery = (body: unknown, signal?: AbortSignal) => Promise<unknown>;

interface GoogleFailure {
  status?: number;
  code?: unknown;
  name?: unknown;
  message?: unknown;
  config?: { url?: unknown };
  response?: { data?: unknown };
  cause?: { code?: unknown; name?: unknown };
}

interface ErrorData {
  error?: string | { code?: number; status?: string; message?: string };
  error_description?: string;
}

const short = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** What the token endpoint's OAuth error codes mean for the operator. */
const tokenRefusals: Readonly<Record<string, string>> = {
  invalid_grant: 'the refresh token was revoked, has expired (a consent screen in Testing gives tokens for 7 days) or belongs to another client; create a new GOOGLE_REFRESH_TOKEN',
  invalid_client: 'GOOGLE_CLIENT_ID or GOOGLE_CLIENT_SECRET is wrong, or the OAuth client was deleted',
  unauthorized_client: 'this OAuth client may not use refresh tokens; create the client as type Desktop app or Web application',
};

/** What Postmaster Tools' HTTP refusals mean for the operator. */
const apiRefusals: Readonly<Record<number, string>> = {
  401: 'Google did not accept the access token; create a new GOOGLE_REFRESH_TOKEN',
  403: `enable the Gmail Postmaster Tools API in the OAuth client's Google Cloud project, and grant the ${postmasterScope} scope when creating the refresh token`,
  429: 'Google is rate-limiting smtp-desk; try again in a few minutes',
};

function timedOut(failure: GoogleFailure): boolean {
  const names = [failure.name, failure.code, failure.cause?.name, failure.cause?.code];
  return names.some((name) => name === 'TimeoutError' || name === 'AbortError' || name === 'ETIMEDOUT');
}

/** The one line for a failed call to Google's token endpoint or Postmaster Tools. */
export function postmasterFailureLine(error: unknown, config: Pick<Config, 'GOOGLE_TOKEN_URL' | 'POSTMASTER_TIMEOUT_MS'>): string {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as GoogleFailure;
  const tokenCall = String(failure.config?.url ?? '') === config.GOOGLE_TOKEN_URL;
  const service = tokenCall ? `Google's token endpoint (${config.GOOGLE_TOKEN_URL})` : 'Postmaster Tools';
  const data = (failure.response?.data ?? {}) as ErrorData;
  if (failure.status !== undefined) {
    if (tokenCall && typeof data.error === 'string') {
      const said = data.error_description ? `${data.error}: ${short(data.error_description)}` : data.error;
      return `Google refused the refresh token (${said}): ${tokenRefusals[data.error] ?? 'check GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and GOOGLE_REFRESH_TOKEN'}`;
    }
    const apiError = typeof data.error === 'object' ? data.error : {};
    const said = [String(failure.status), apiError.status, apiError.message ? `: ${short(apiError.message)}` : ''].filter(Boolean).join(' ').replace(' :', ':');
    const advice = apiRefusals[failure.status];
    return `${service} refused the call (${said})${advice ? `: ${advice}` : ''}; nothing was stored`;
  }
  if (timedOut(failure)) return `${service} did not answer within ${config.POSTMASTER_TIMEOUT_MS} ms (POSTMASTER_TIMEOUT_MS); nothing was stored`;
  const code = String(failure.cause?.code ?? failure.code ?? '');
  if (systemReasons[code]) return `cannot reach ${service} (${systemReasons[code]}); nothing was stored`;
  return `the call to ${service} failed (${short(String(failure.message ?? error))}); nothing was stored`;
}

/**
 * A batchQuery call through google-auth-library's OAuth2Client: the refresh token buys an access
 * token at GOOGLE_TOKEN_URL, renewed when it expires. Every call, the token's too, gives up after
 * POSTMASTER_TIMEOUT_MS; `signal` stops it sooner. A failure is thrown as a PostmasterError.
 */
export function postmasterBatchQuery(config: Config, credentials: GoogleCredentials): BatchQuery {
  const oauth = new OAuth2Client({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    endpoints: { oauth2TokenUrl: config.GOOGLE_TOKEN_URL },
    transporterOptions: { timeout: config.POSTMASTER_TIMEOUT_MS },
  });
  oauth.setCredentials({ refresh_token: credentials.refreshToken });
  const url = `${config.POSTMASTER_API_URL}domainStats:batchQuery`;
  return async (body, signal) => {
    try {
      const response = await oauth.request({ url, method: 'POST', data: body, timeout: config.POSTMASTER_TIMEOUT_MS, retry: false, ...(signal ? { signal } : {}) });
      return response.data;
    } catch (error) {
      throw new PostmasterError(postmasterFailureLine(error, config));
    }
  };
}
