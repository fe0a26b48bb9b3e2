// Google's OAuth token endpoint and the Postmaster Tools v2 API on 127.0.0.1, speaking their documented
// protocol: a refresh_token grant buys a bearer token, and domainStats:batchQuery answers each domain's
// query (metrics, dateList, pageSize, pageToken) with its rows, page by page.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface FakeDomainStat {
  metric: string;
  date: { year: number; month: number; day: number };
  value: { doubleValue?: number; intValue?: string };
}

export interface FakeGoogleOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Per domain, the rows Postmaster Tools holds, keyed by the metric names queries give. A domain missing here has no data (under the volume floor). */
  stats?: Record<string, FakeDomainStat[]>;
  /** Domains the account has not verified: their result is a PERMISSION_DENIED error. */
  unverified?: string[];
  /** Answer every batchQuery with this HTTP status and a Google error body instead. */
  apiStatus?: 403 | 429 | 500;
  /** Wait this long before answering a batchQuery. */
  apiLatencyMs?: number;
  /** Wait this long before answering a token request. */
  tokenLatencyMs?: number;
}

interface BatchRequest {
  requests: {
    parent: string;
    metricDefinitions: { name: string; baseMetric: { standardMetric: string }; filter?: string }[];
    timeQuery: { dateList: { dates: { year: number; month: number; day: number }[] } };
    aggregationGranularity: string;
    pageSize: number;
    pageToken?: string;
  }[];
}

export interface FakeGoogle {
  /** GOOGLE_TOKEN_URL and POSTMASTER_API_URL pointing here, with the client's credentials. */
  env: Record<string, string>;
  /** Every batchQuery body received, in order. */
  batches: BatchRequest[];
  tokenGrants: () => number;
  set: (options: Partial<FakeGoogleOptions>) => void;
  close: () => Promise<void>;
}

const statusNames: Record<number, string> = { 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL' };

async function body(request: http.IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

function send(response: http.ServerResponse, status: number, json: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(json));
}

const sameDate = (a: FakeDomainStat['date'], b: FakeDomainStat['date']) => a.year === b.year && a.month === b.month && a.day === b.day;

export async function startFakeGoogle(initial: FakeGoogleOptions): Promise<FakeGoogle> {
  let options = { ...initial };
  const accessToken = `ya29.fake-${Math.random().toString(36).slice(2)}`;
  const batches: BatchRequest[] = [];
  let grants = 0;

  const server = http.createServer((request, response) => {
    void (async () => {
      const text = await body(request);
      if (request.method === 'POST' && request.url === '/token') {
        if (options.tokenLatencyMs) await new Promise((resolve) => setTimeout(resolve, options.tokenLatencyMs));
        const form = new URLSearchParams(text);
        if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
          return send(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
        }
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== options.refreshToken) {
          return send(response, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        }
        grants++;
        return send(response, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/postmaster.traffic.readonly' });
      }
      if (request.method === 'POST' && request.url === '/v2/domainStats:batchQuery') {
        if (request.headers.authorization !== `Bearer ${accessToken}`) {
          return send(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
        }
        if (options.apiLatencyMs) await new Promise((resolve) => setTimeout(resolve, options.apiLatencyMs));
        if (options.apiStatus) {
          return send(response, options.apiStatus, { error: { code: options.apiStatus, message: `fake ${statusNames[options.apiStatus]}`, status: statusNames[options.apiStatus] } });
        }
        const batch = JSON.parse(text) as BatchRequest;
        batches.push(batch);
        if (batch.requests.length > 100) return send(response, 400, { error: { code: 400, message: 'at most 100 requests', status: 'INVALID_ARGUMENT' } });
        const results = batch.requests.map((query) => {
          const domain = query.parent.replace(/^domains\//, '');
          if (options.unverified?.includes(domain)) {
            return { error: { code: 403, message: `The caller does not have permission for ${query.parent}.`, status: 'PERMISSION_DENIED' } };
          }
          if (query.pageSize > 200) return { error: { code: 400, message: 'page_size must be at most 200', status: 'INVALID_ARGUMENT' } };
          const names = new Set(query.metricDefinitions.map((metric) => metric.name));
          const rows = (options.stats?.[domain] ?? []).filter(
            (row) => names.has(row.metric) && query.timeQuery.dateList.dates.some((date) => sameDate(date, row.date)),
          );
          const offset = Number(query.pageToken ?? 0);
          const page = rows.slice(offset, offset + query.pageSize);
          const more = offset + query.pageSize < rows.length;
          // proto3 JSON: an empty list and an empty token are left out.
          return { response: { ...(page.length > 0 ? { domainStats: page } : {}), ...(more ? { nextPageToken: String(offset + query.pageSize) } : {}) } };
        });
        return send(response, 200, { results });
      }
      send(response, 404, { error: { code: 404, message: `no route ${request.method} ${request.url}`, status: 'NOT_FOUND' } });
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      GOOGLE_CLIENT_ID: initial.clientId,
      GOOGLE_CLIENT_SECRET: initial.clientSecret,
      GOOGLE_REFRESH_TOKEN: initial.refreshToken,
      GOOGLE_TOKEN_URL: `http://127.0.0.1:${port}/token`,
      POSTMASTER_API_URL: `http://127.0.0.1:${port}/v2/`,
    },
    batches,
    tokenGrants: () => grants,
    set: (changes) => {
      options = { ...options, ...changes };
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
