import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { approversFrom, groupCacheMs } from '../../src/slack/approvers.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

describe('approversFrom: APPROVERS resolved against the fake Slack', () => {
  let fake: FakeSlack;
  let client: webApi.WebClient;
  let clock = 0;
  const now = () => new Date(clock);
  const quietLogger = createLogger('error', { write: () => true } as unknown as NodeJS.WritableStream);

  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.answer('usergroups.users.list', ({ args }) => ({ ok: true, users: args.usergroup === 'S0OPS' ? ['U0MEMBER'] : [] }));
  });

  it('approves listed users without asking Slack, and nobody else', async () => {
    const approvers = approversFrom(['U0ANA'], quietLogger, now);
    expect(await approvers.includes(client, 'U0ANA')).toBe(true);
    expect(await approvers.includes(client, 'U0BO')).toBe(false);
    expect(fake.calls).toEqual([]);
  });

  it('approves user-group members with one lookup for many concurrent clicks, asked again after the cache time', async () => {
    const approvers = approversFrom(['U0ANA', 'S0OPS'], quietLogger, now);
    const answers = await Promise.all(Array.from({ length: 20 }, () => approvers.includes(client, 'U0MEMBER')));
    expect(answers.every(Boolean)).toBe(true);
    expect(await approvers.includes(client, 'U0STRANGER')).toBe(false);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(1);

    clock += groupCacheMs + 1;
    expect(await approvers.includes(client, 'U0MEMBER')).toBe(true);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('denies when Slack cannot list the group, and asks again on the next click', async () => {
    const approvers = approversFrom(['S0OPS'], quietLogger, now);
    fake.failNext('usergroups.users.list', { error: 'missing_scope' });
    expect(await approvers.includes(client, 'U0MEMBER')).toBe(false);
    expect(await approvers.includes(client, 'U0MEMBER')).toBe(true);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(2);
  });
});
