import { startFakeTool, type FakeTool, type ToolAnswer, type ToolCall } from './fake-tool.js';

export interface SmartleadAccount {
  id: number;
  from_email: string;
  is_suspended: boolean;
}

export interface FakeSmartlead extends FakeTool {
  /** The API base for SMARTLEAD_API_URL (…/api/v1). */
  apiUrl: string;
  accounts: Map<number, SmartleadAccount>;
  /** Ids the fake suspended or unsuspended (answered 2xx), in order. */
  suspended: number[];
  unsuspended: number[];
}

/**
 * Smartlead API v1 on loopback, as documented: `?api_key=`, every email account by offset and
 * limit (a bare array), suspend and unsuspend by id; 401 `{"message": "Invalid API Key"}`.
 */
export async function startFakeSmartlead(options: { apiKey: string; accounts: SmartleadAccount[] }): Promise<FakeSmartlead> {
  const accounts = new Map(options.accounts.map((account) => [account.id, { ...account }]));
  const base = '/api/v1/email-accounts';
  const suspended: number[] = [];
  const unsuspended: number[] = [];

  const route = (call: ToolCall): ToolAnswer => {
    if (call.query.get('api_key') !== options.apiKey) return { status: 401, body: { message: 'Invalid API Key' } };
    if (call.method === 'GET' && call.path === `${base}/`) {
      const offset = Number(call.query.get('offset') ?? 0);
      const limit = Math.min(Number(call.query.get('limit') ?? 100), 100);
      return { status: 200, body: [...accounts.values()].sort((a, b) => a.id - b.id).slice(offset, offset + limit).map((a) => ({ ...a, from_name: 'Ops', type: 'SMTP' })) };
    }
    const change = new RegExp(`^${base}/(suspend|unsuspend)/([^/]+)$`).exec(call.path);
    if (change && ((change[1] === 'suspend' && call.method === 'PUT') || (change[1] === 'unsuspend' && call.method === 'DELETE'))) {
      const account = accounts.get(Number(change[2]));
      if (!account) return { status: 400, body: { success: false, message: 'Email account not found' } };
      account.is_suspended = change[1] === 'suspend';
      (account.is_suspended ? suspended : unsuspended).push(account.id);
      return { status: 200, body: { success: true, message: `Email account ${change[1]}ed`, data: { accountId: account.id, isSuspended: account.is_suspended } } };
    }
    return { status: 404, body: { success: false, message: `no route ${call.method} ${call.path}` } };
  };

  const tool = await startFakeTool(route);
  const fake = tool as FakeSmartlead;
  fake.apiUrl = `${tool.url}/api/v1`;
  fake.accounts = accounts;
  fake.suspended = suspended;
  fake.unsuspended = unsuspended;
  return fake;
}
