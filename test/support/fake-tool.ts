import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake tool received. */
export interface ToolCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ToolAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How the next calls fail instead of being answered: an HTTP answer, or no answer at all. */
export type ToolFailure = ToolAnswer | { hang: true };

export interface FakeTool {
  url: string;
  calls: ToolCall[];
  /** The next `times` calls matching `path` (a prefix, after the method) fail as given. */
  failNext(failure: ToolFailure, times?: number, match?: { method?: string; path?: string }): void;
  /** Every answer waits this long first (a slow tool). */
  delayMs: number;
  /** Resolves once `count` calls matching `predicate` arrived. */
  waitForCalls(predicate: (call: ToolCall) => boolean, count?: number, timeoutMs?: number): Promise<ToolCall[]>;
  stop(): Promise<void>;
}

interface PendingFailure {
  failure: ToolFailure;
  remaining: number;
  method: string | undefined;
  path: string | undefined;
}

/** A loopback HTTP server answering with `route`, recording every call, able to fail or hang on demand. */
export async function startFakeTool(route: (call: ToolCall) => ToolAnswer): Promise<FakeTool> {
  const calls: ToolCall[] = [];
  const failures: PendingFailure[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<http.ServerResponse>();
  const state = { delayMs: 0 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const call: ToolCall = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      waiters.forEach((wake) => wake());
      const pending = failures.find((f) => (!f.method || f.method === call.method) && (!f.path || call.path.startsWith(f.path)));
      if (pending) {
        pending.remaining -= 1;
        if (pending.remaining <= 0) failures.splice(failures.indexOf(pending), 1);
      }
      const answer = pending?.failure ?? route(call);
      if ('hang' in answer) {
        hanging.add(res);
        return;
      }
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    failNext(failure, times = 1, match = {}) {
      failures.push({ failure, remaining: times, method: match.method, path: match.path });
    },
    waitForCalls(predicate, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.filter(predicate);
          if (found.length < count) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake tool: ${calls.filter(predicate).length} of ${count} calls after ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(wake);
      });
    },
    async stop() {
      hanging.forEach((res) => res.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
