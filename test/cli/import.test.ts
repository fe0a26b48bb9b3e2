import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { emailbisonBounce, instantlyBounce, instantlyDailyAnalytics, jsonLines, lemlistBounce, plusvibeBounce, smartleadBounce } from '../ingest/fixtures.js';


const header = 'occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic,campaign,external_id';

function bounceLine(i: number, diagnostic = '550 5.1.1 user unknown'): string {
  // Up to 1,060,000 s (12 days) after the base for the big file: all of it in the past.
  const at = new Date(Date.parse('2026-11-10T00:00:00Z') + i * 1000).toISOString();
  return `${at},inbox${i % 7}@domain${i % 3}.example,lead${i}@recipient${i % 11}.example,,,"${diagnostic}",wave ${i % 2},`;
}

describe(`smtp-desk import on ${databaseLabel}`, () => {
  let store: TestStore;
  let tmp: { dir: string; remove: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore();
    tmp = await tempDir('smtp-desk-import');
    env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error', PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp.dir };
  });
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });

  function start(args: string[], input = '') {
    const child = spawn(process.execPath, [...cliEntry, 'import', ...args], { cwd: tmp.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.stdin.end(input);
    const done = new Promise<CliRun>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    return { child, done };
  }
  const run = (args: string[], input = '') => start(args, input).done;

  async function write(name: string, content: string): Promise<string> {
    const file = path.join(tmp.dir, name);
    await fs.writeFile(file, content);
    return file;
  }
  const count = async (sql: string) => Number((await store.pool.query<{ n: string }>(sql)).rows[0]!.n);

  it('stores the good rows, reports each bad one with its line, and adds nothing the second time', async () => {
    const file = await write(
      'mixed.csv',
      '\ufeff' +
        [
          header,
          bounceLine(1, '550 5.1.1 <lead1@recipient1.example>: Recipient address rejected: User unknown'),
          bounceLine(2, '421 4.7.0 Try again later,\r\nclosing connection.'),
          'yesterday,a@b.example,c@d.example,550,5.1.1,x,,',
          `${bounceLine(4, 'x'.repeat(10_240))}`,
          '2026-11-27T10:00:00Z,not-an-address,c@d.example,550,5.1.1,x,,',
          '2026-11-27T10:00:00Z,a@b.example,c@d.example,550',
        ].join('\r\n') +
        '\r\n',
    );
    const rejects = path.join(tmp.dir, 'rejects.csv');
    const first = await run(['bounces', file, '--rejects', rejects]);
    expect(first.code).toBe(3);
    expect(first.stderr).toBe(
      [
        'line 5: occurred_at: not an ISO 8601 timestamp with a zone (e.g. 2026-11-27T14:03:11Z): "yesterday"',
        'line 7: sending_inbox: not an email address: "not-an-address"',
        'line 8: has 4 fields, the header has 8',
        '',
      ].join('\n'),
    );
    expect(first.stdout).toMatch(/^read 6, inserted 3, replaced 0, duplicates 0, conflicts 0, ignored 0, rejected 3 in [\d.]+ s \(\d+ rows\/s\)\n$/);
    expect(await fs.readFile(rejects, 'utf8')).toBe(
      [
        `${header},line,reason`,
        'yesterday,a@b.example,c@d.example,550,5.1.1,x,,,5,"occurred_at: not an ISO 8601 timestamp with a zone (e.g. 2026-11-27T14:03:11Z): ""yesterday"""',
        '2026-11-27T10:00:00Z,not-an-address,c@d.example,550,5.1.1,x,,,7,"sending_inbox: not an email address: ""not-an-address"""',
        '2026-11-27T10:00:00Z,a@b.example,c@d.example,550,8,"has 4 fields, the header has 8"',
        '',
      ].join('\r\n'),
    );
    const { rows } = await store.pool.query(
      "SELECT recipient, reply_code, enhanced_code, category, length(diagnostic) AS length, campaign FROM bounce_events WHERE sequencer = 'generic' ORDER BY occurred_at",
    );
    expect(rows).toEqual([
      { recipient: 'lead1@recipient1.example', reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient', length: 78, campaign: 'wave 1' },
      { recipient: 'lead2@recipient2.example', reply_code: 421, enhanced_code: '4.7.0', category: 'rate_limited', length: 47, campaign: 'wave 0' },
      { recipient: 'lead4@recipient4.example', reply_code: null, enhanced_code: null, category: 'unknown', length: 10_240, campaign: 'wave 0' },
    ]);

    const again = await run(['bounces', file]);
    expect(again.code).toBe(3);
    expect(again.stdout).toMatch(/^read 6, inserted 0, replaced 0, duplicates 3, conflicts 0, ignored 0, rejected 3 /);
    expect(await count("SELECT count(*) AS n FROM bounce_events WHERE sequencer = 'generic'")).toBe(3);
  });

  it('exits 3 for a file of only bad rows, listing 20 and counting the rest', async () => {
    const file = await write('bad.csv', [header, ...Array.from({ length: 25 }, (_, i) => `bad${i},a@b.example,c@d.example,,,,,`)].join('\n'));
    const result = await run(['bounces', file]);
    expect(result.code).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/^line 2: occurred_at: /);
    expect(lines[20]).toBe('… and 5 more rejected rows');
    expect(result.stdout).toMatch(/^read 25, inserted 0, .* rejected 25 /);
  });

  it.each([
    ['smartlead', [smartleadBounce(), smartleadBounce({ event_type: 'EMAIL_SENT', stats_id: 'other' })]],
    ['instantly', [instantlyBounce(), instantlyBounce({ event_type: 'reply_received' })]],
    ['lemlist', [lemlistBounce(), lemlistBounce({ type: 'emailsOpened', _id: 'act_other' })]],
    ['plusvibe', [plusvibeBounce(), plusvibeBounce({ webhook_event: 'EMAIL_SENT' })]],
    ['emailbison', [emailbisonBounce(), emailbisonBounce({ event: { type: 'EMAIL_SENT' } })]],
  ] as const)('imports %s payloads from standard input, once', async (format, payloads) => {
    const first = await run(['bounces', '-', '--format', format], jsonLines(payloads));
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^read 2, inserted 1, replaced 0, duplicates 0, conflicts 0, ignored 1, rejected 0 /);
    const second = await run(['bounces', '-', '--format', format], jsonLines(payloads));
    expect(second.stdout).toMatch(/^read 2, inserted 0, replaced 0, duplicates 1, conflicts 0, ignored 1, rejected 0 /);
    expect(await count(`SELECT count(*) AS n FROM bounce_events WHERE sequencer = '${format}'`)).toBe(1);
  });

  it('reads a JSON array of Smartlead payloads, keeping a bounce the sender caused out of the invalid addresses', async () => {
    const file = await write(
      'smartlead.json',
      JSON.stringify([
        smartleadBounce({ stats_id: 'array-lead', from_email: 'ana@array-sender.example', to_email: 'gone@acme.example' }),
        smartleadBounce({ stats_id: 'array-sender', from_email: 'ana@array-sender.example', to_email: 'other@acme.example', is_sender_originated_bounce: true }),
      ]),
    );
    const result = await run(['bounces', file, '--format', 'smartlead']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^read 2, inserted 2, /);
    const events = await store.pool.query("SELECT external_id, sender_originated, category FROM bounce_events WHERE sending_inbox = 'ana@array-sender.example' ORDER BY 1");
    expect(events.rows).toEqual([
      { external_id: 'array-lead', sender_originated: false, category: 'invalid_recipient' },
      { external_id: 'array-sender', sender_originated: true, category: 'invalid_recipient' },
    ]);
    const rollup = await store.pool.query("SELECT bounces, invalid FROM bounce_daily WHERE sending_domain = 'array-sender.example'");
    expect(rollup.rows).toEqual([{ bounces: 2, invalid: 1 }]);
  });

  it('classifies what the payload says: Spamhaus in a lemlist error is a reputation block', async () => {
    const { rows } = await store.pool.query("SELECT reply_code, enhanced_code, category FROM bounce_events WHERE sequencer = 'lemlist'");
    expect(rows).toEqual([{ reply_code: 550, enhanced_code: '5.7.1', category: 'reputation' }]);
  });

  it('imports sends (generic and Instantly analytics) replacing earlier counts, and complaints', async () => {
    const sends = await write('sends.csv', 'day,sending_inbox,sent,notes\n2026-11-27,Ana@Outreach-Example.com,18,x\n2026-11-27,bo@outreach-example.com,20,\n');
    expect((await run(['sends', sends])).stdout).toMatch(/^read 2, inserted 2, replaced 0, duplicates 0, /);
    // As GET /api/v2/accounts/analytics/daily returns it: one JSON array.
    const analytics = await write(
      'instantly.json',
      JSON.stringify([
        instantlyDailyAnalytics({ email_account: 'ana@outreach-example.com', sent: 21, bounced: 1 }),
        instantlyDailyAnalytics({ email_account: 'bo@outreach-example.com', sent: 20, bounced: 0 }),
      ]),
    );
    const result = await run(['sends', analytics, '--format', 'instantly']);
    expect(result).toMatchObject({ code: 0 });
    // bo's sent stays 20, but Instantly's bounce count is new beside it: both rows replace what was stored.
    expect(result.stdout).toMatch(/^read 2, inserted 0, replaced 2, duplicates 0, /);
    const again = await run(['sends', analytics, '--format', 'instantly']);
    expect(again.stdout).toMatch(/^read 2, inserted 0, replaced 0, duplicates 2, /);
    const { rows } = await store.pool.query("SELECT sent::int AS sent, inboxes FROM send_daily_rollup WHERE sending_domain = 'outreach-example.com'");
    expect(rows).toEqual([{ sent: 41, inboxes: 2 }]);
    const reported = await store.pool.query("SELECT sending_inbox, reported_bounces FROM daily_sends WHERE sending_domain = 'outreach-example.com' ORDER BY 1");
    expect(reported.rows).toEqual([
      { sending_inbox: 'ana@outreach-example.com', reported_bounces: 1 },
      { sending_inbox: 'bo@outreach-example.com', reported_bounces: 0 },
    ]);

    const complaints = await write('complaints.csv', 'day,sending_domain,complaints,spam_rate\n2026-11-27,outreach-example.com,3,\n2026-11-27,reach-example.io,,0.004\n');
    expect((await run(['complaints', complaints])).code).toBe(0);
    expect(await count('SELECT count(*) AS n FROM daily_complaints')).toBe(2);
  });

  it.each([
    [['parcels', 'x.csv'], /unknown kind "parcels"/],
    [['bounces'], /say which file/],
    [['bounces', 'x.csv', '--format', 'mailchimp'], /unknown format "mailchimp"/],
    [['complaints', 'x.csv', '--format', 'smartlead'], /complaints cannot be imported from the smartlead format/],
    [['bounces', 'x.csv', '--fast'], /Unknown option '--fast'/],
    [['bounces', 'no-such-file.csv'], /cannot read no-such-file\.csv: ENOENT/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when the header lacks a column', async () => {
    const file = await write('short-header.csv', 'occurred_at,recipient\n2026-11-27T10:00:00Z,a@b.example\n');
    const result = await run(['bounces', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the CSV header lacks sending_inbox, reply_code, enhanced_code, diagnostic/);
  });

  it('ends with the rows of one clean import after being killed half-way and run again', async () => {
    const rows = 60_000;
    const lines = [header];
    for (let i = 0; i < rows; i++) lines.push(bounceLine(1_000_000 + i, `550 5.1.1 mailbox ${i % 50} unavailable`).replace(/,$/, `,kill-${i}`));
    const file = await write('big.csv', `${lines.join('\n')}\n`);
    const where = "WHERE external_id LIKE 'kill-%'";

    const killed = start(['bounces', file]);
    // Wait until at least one batch is committed (and fail fast if the import ended on its own).
    while (killed.child.exitCode === null && (await count(`SELECT count(*) AS n FROM bounce_events ${where}`)) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    killed.child.kill('SIGKILL');
    const ended = await killed.done;
    expect(ended.code).toBeNull();
    const partial = await count(`SELECT count(*) AS n FROM bounce_events ${where}`);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(rows);

    const rerun = await run(['bounces', file]);
    expect(rerun.code).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM bounce_events ${where}`)).toBe(rows);
    expect(await count(`SELECT sum(events) AS n FROM bounce_daily WHERE sending_domain LIKE 'domain%'`)).toBe(
      await count("SELECT count(*) AS n FROM bounce_events WHERE sending_domain LIKE 'domain%'"),
    );
  }, 240_000);
});
