import { startFakeTool, type FakeTool, type ToolAnswer, type ToolCall } from './fake-tool.js';

/** An account as Instantly API v2 lists it: status 1 active, 2 paused. */
export interface InstantlyAccount {
  email: string;
  status: number;
}

export interface FakeInstantly extends FakeTool {
  /** The API base for INSTANTLY_API_URL (…/api/v2). */
  apiUrl: string;
  accounts: Map<string, InstantlyAccount>;
  /** Emails the fake paused or resumed (answered 2xx), in order: what a tool would have done. */
  paused: string[];
  resumed: string[];
}

const unauthorized: ToolAnswer = { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' } };
const notFound = (email: string): ToolAnswer => ({ status: 404, body: { statusCode: 404, error: 'Not Found', message: `Account ${email} not found` } });

/**
 * Instantly API v2 on loopback, as its documentation describes it: Bearer key, accounts by
 * substring search with `starting_after` cursors, per-account pause and resume, and bulk pause.
 */
export async function startFakeInstantly(options: { apiKey: string; accounts: InstantlyAccount[]; pageSize?: number }): Promise<FakeInstantly> {
  const accounts = new Map(options.accounts.map((account) => [account.email, { ...account }]));
  const pageSize = options.pageSize ?? 100;
  const base = '/api/v2/accounts';
  const paused: string[] = [];
  const resumed: string[] = [];

  const route = (call: ToolCall): ToolAnswer => {
    if (call.headers.authorization !== `Bearer ${options.apiKey}`) return unauthorized;
    if (call.method === 'GET' && call.path === base) {
      const search = call.query.get('search') ?? '';
      const limit = Math.min(Number(call.query.get('limit') ?? 100), pageSize);
      const after = call.query.get('starting_after');
      const matching = [...accounts.values()].filter((account) => account.email.includes(search)).sort((a, b) => a.email.localeCompare(b.email));
      const start = after ? matching.findIndex((account) => account.email === after) + 1 : 0;
      const items = matching.slice(start, start + limit);
      const more = start + limit < matching.length;
      return { status: 200, body: { items: items.map((a) => ({ ...a, warmup_status: 1 })), next_starting_after: more ? items.at(-1)!.email : null } };
    }
    if (call.method === 'POST' && call.path === `${base}/pause`) {
      const { emails } = JSON.parse(call.body) as { emails: string[] };
      const known = emails.filter((email) => accounts.has(email));
      known.forEach((email) => (accounts.get(email)!.status = 2));
      paused.push(...known);
      return { status: 200, body: { paused_emails: known, failed_emails: emails.filter((email) => !accounts.has(email)) } };
    }
    const one = new RegExp(`^${base}/([^/]+)/(pause|resume)$`).exec(call.path);
    if (call.method === 'POST' && one) {
      const account = accounts.get(one[1]!);
      if (!account) return notFound(one[1]!);
      account.status = one[2] === 'pause' ? 2 : 1;
      (one[2] === 'pause' ? paused : resumed).push(account.email);
      return { status: 200, body: account };
    }
    return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `no route ${call.method} ${call.path}` } };
  };

  const tool = await startFakeTool(route);
  const fake = tool as FakeInstantly;
  fake.apiUrl = `${tool.url}/api/v2`;
  fake.accounts = accounts;
  fake.paused = paused;
  fake.resumed = resumed;
  return fake;
}
