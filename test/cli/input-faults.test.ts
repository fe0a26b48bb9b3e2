// Bad input through the real CLI (a child process) against the real database: what a careless or
// hostile file gets, and that nothing good is lost on the way.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';

const header = 'occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic,external_id';
const goodRow = (i: number, externalId = '') =>
  `2026-11-27T10:00:${String(i).padStart(2, '0')}Z,ana@faults.example,lead${i}@acme.example,550,5.1.1,user unknown,${externalId}`;
/** C0 (ESC, BEL), DEL and C1 (CSI) controls: what a terminal would act on. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

// Each test runs the CLI several times, a few seconds each on a busy machine.
describe(`bad input through smtp-desk on ${databaseLabel}`, { timeout: 180_000 }, () => {
  let store: TestStore;
  let tmp: { dir: string; remove: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore();
    tmp = await tempDir('smtp-desk-faults');
    env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error' };
  });
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });

  const run = (args: string[], extra: Record<string, string> = {}): Promise<CliRun> => runCli(args, { env: { ...env, ...extra }, cwd: tmp.dir });
  async function write(name: string, content: string): Promise<string> {
    const file = path.join(tmp.dir, name);
    await fs.writeFile(file, content);
    return file;
  }
  const query = async <T,>(sql: string, params: unknown[] = []) => (await store.pool.query(sql, params)).rows as T[];

  describe('--rejects', () => {
    const mixed = `${header}\n${goodRow(1)}\nyesterday,ana@faults.example,x@acme.example,550,5.1.1,x,\n`;

    it('refuses the input itself as the rejects file, and leaves the input whole', async () => {
      const file = await write('mixed.csv', mixed);
      const result = await run(['import', 'bounces', file, '--rejects', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`smtp-desk import: --rejects ${file} is the input file; name another file for the rejected rows\n`);
      expect(await fs.readFile(file, 'utf8')).toBe(mixed);
    });

    it('refuses a hard link to the input, and a path through a linked folder', async () => {
      const file = await write('linked.csv', mixed);
      const hard = path.join(tmp.dir, 'hard-link.csv');
      await fs.link(file, hard);
      await fs.symlink(tmp.dir, path.join(tmp.dir, 'folder-link'));
      for (const rejects of [hard, path.join(tmp.dir, 'folder-link', 'linked.csv')]) {
        const result = await run(['import', 'bounces', file, '--rejects', rejects]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('is the input file');
      }
      expect(await fs.readFile(file, 'utf8')).toBe(mixed);
    });

    it('never writes through a symbolic link', async () => {
      const file = await write('for-symlink.csv', mixed);
      const precious = await write('precious.txt', 'keep me\n');
      const link = path.join(tmp.dir, 'rejects-link.csv');
      await fs.symlink(precious, link);
      const result = await run(['import', 'bounces', file, '--rejects', link]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`smtp-desk import: --rejects ${link} is a symbolic link; name the file itself\n`);
      expect(await fs.readFile(precious, 'utf8')).toBe('keep me\n');
    });

    it('leaves an existing rejects file alone on a header error, and creates none when nothing is rejected', async () => {
      const rejects = await write('old-rejects.csv', 'rows I still need\n');
      const badHeader = await write('bad-header.csv', 'occurred_at,recipient\n2026-11-27T10:00:00Z,a@b.example\n');
      const result = await run(['import', 'bounces', badHeader, '--rejects', rejects]);
      expect(result.code).toBe(2);
      expect(await fs.readFile(rejects, 'utf8')).toBe('rows I still need\n');

      const clean = await write('clean.csv', `${header}\n${goodRow(2)}\n`);
      const untouched = path.join(tmp.dir, 'never-created.csv');
      expect((await run(['import', 'bounces', clean, '--rejects', untouched])).code).toBe(0);
      await expect(fs.access(untouched)).rejects.toThrow(/ENOENT/);

      const written = await run(['import', 'bounces', await write('mixed-again.csv', mixed), '--rejects', rejects]);
      expect(written.code).toBe(3);
      expect(await fs.readFile(rejects, 'utf8')).toMatch(/^occurred_at,.*,line,reason\r\nyesterday,/);
    });
  });

  describe('rows that meet stored ones', () => {
    it('says that later sends rows replace the count of their inbox and day', async () => {
      const file = await write('sends.csv', 'day,sending_inbox,sent\n2026-11-27,q1@q-dom.com,50\n2026-11-27,q1@q-dom.com,60\n2026-11-27,Q1@Q-DOM.COM,70\n');
      const first = await run(['import', 'sends', file]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^read 3, inserted 1, replaced 2, duplicates 0, /);
      expect(await query("SELECT sent FROM daily_sends WHERE sending_inbox = 'q1@q-dom.com'")).toEqual([{ sent: 70 }]);

      const last = await write('sends-last.csv', 'day,sending_inbox,sent\n2026-11-27,q1@q-dom.com,70\n2026-11-27,q1@q-dom.com,75\n');
      expect((await run(['import', 'sends', last])).stdout).toMatch(/^read 2, inserted 0, replaced 1, duplicates 1, /);
      expect(await query("SELECT sent FROM daily_sends WHERE sending_inbox = 'q1@q-dom.com'")).toEqual([{ sent: 75 }]);
    });

    it('keeps both values of two complaints rows of one domain and day in one file', async () => {
      const file = await write('complaints.csv', 'day,sending_domain,complaints,spam_rate\n2026-11-27,c-dom.com,3,\n2026-11-27,c-dom.com,,0.004\n2026-11-27,c-dom.com,3,\n');
      const result = await run(['import', 'complaints', file]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^read 3, inserted 1, replaced 1, duplicates 1, /);
      expect(await query("SELECT complaints, spam_rate::float AS spam_rate FROM daily_complaints WHERE sending_domain = 'c-dom.com'")).toEqual([
        { complaints: 3, spam_rate: 0.004 },
      ]);
    });

    it('reports a bounce whose external_id is stored with other content as a conflict, with its line, and stores nothing of it', async () => {
      const first = await write('events.csv', `${header}\n${goodRow(10, 'evt-1')}\n`);
      expect((await run(['import', 'bounces', first])).code).toBe(0);
      const changed = goodRow(10, 'evt-1').replace('user unknown', 'mailbox full');
      const second = await write('events-changed.csv', `${header}\n${goodRow(10, 'evt-1')}\n${changed}\n${goodRow(11, 'evt-2')}\n${goodRow(11, 'evt-2').replace('lead11', 'other')}\n`);
      const rejects = path.join(tmp.dir, 'conflicts.csv');
      const result = await run(['import', 'bounces', second, '--rejects', rejects]);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/^read 4, inserted 1, replaced 0, duplicates 1, conflicts 2, ignored 0, rejected 0 /);
      expect(result.stderr).toBe(
        [
          'line 3: conflict: external_id "evt-1" of sequencer generic is stored with another time, sender, recipient or diagnostic; this one is not stored',
          'line 5: conflict: external_id "evt-2" of sequencer generic is stored with another time, sender, recipient or diagnostic; this one is not stored',
          '',
        ].join('\n'),
      );
      expect(await fs.readFile(rejects, 'utf8')).toContain(`${changed},3,"conflict: external_id ""evt-1""`);
      expect(await query("SELECT external_id, diagnostic, recipient FROM bounce_events WHERE external_id LIKE 'evt-%' ORDER BY 1")).toEqual([
        { external_id: 'evt-1', diagnostic: 'user unknown', recipient: 'lead10@acme.example' },
        { external_id: 'evt-2', diagnostic: 'user unknown', recipient: 'lead11@acme.example' },
      ]);
    });

    it('rejects empty, hexadecimal, exponent and other non-decimal numbers with their line', async () => {
      const sends = await write(
        'numbers.csv',
        'day,sending_inbox,sent\n2026-11-26,n1@n-dom.com,\n2026-11-26,n2@n-dom.com,0x10\n2026-11-26,n3@n-dom.com,1e3\n2026-11-26,n4@n-dom.com,1.5\n2026-11-26,n5@n-dom.com,-3\n2026-11-26,n6@n-dom.com, 12 \n',
      );
      const result = await run(['import', 'sends', sends]);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        [
          'line 2: sent: is empty; write a whole number such as 120',
          'line 3: sent: "0x10" is not a whole number written in digits, such as 120',
          'line 4: sent: "1e3" is not a whole number written in digits, such as 120',
          'line 5: sent: "1.5" is not a whole number written in digits, such as 120',
          'line 6: sent: "-3" is not a whole number written in digits, such as 120',
          '',
        ].join('\n'),
      );
      expect(await query("SELECT sending_inbox, sent FROM daily_sends WHERE sending_inbox LIKE '%@n-dom.com'")).toEqual([{ sending_inbox: 'n6@n-dom.com', sent: 12 }]);

      const codes = await write('codes.csv', `${header}\n${goodRow(20).replace(',550,', ',0x226,')}\n${goodRow(21).replace(',550,', ',5.5e2,')}\n`);
      const bounces = await run(['import', 'bounces', codes]);
      expect(bounces.stderr).toBe('line 2: reply_code: "0x226" is not a whole number written in digits, such as 120\nline 3: reply_code: "5.5e2" is not a whole number written in digits, such as 120\n');
      const rates = await write('rates.csv', 'day,sending_domain,spam_rate\n2026-11-26,r-dom.com,1e-3\n2026-11-26,r-dom.com,0x0\n');
      expect((await run(['import', 'complaints', rates])).stderr).toBe(
        'line 2: spam_rate: "1e-3" is not a decimal number such as 0.003 or 0.3%\nline 3: spam_rate: "0x0" is not a decimal number such as 0.003 or 0.3%\n',
      );
    });
  });

  describe('dates', () => {
    it('rejects events more than a day ahead or before 2000 in bounces, sends and complaints', async () => {
      const bounces = await write(
        'dates.csv',
        `${header}\n${goodRow(30).replace('2026-11-27', '2099-01-01')}\n${goodRow(31).replace('2026-11-27', '0001-01-01')}\n${goodRow(32).replace('2026-11-27', '1999-12-31')}\n${goodRow(33)}\n`,
      );
      const result = await run(['import', 'bounces', bounces]);
      expect(result.code).toBe(3);
      expect(result.stderr).toBe(
        [
          'line 2: occurred_at: 2099-01-01T10:00:30Z is more than a day in the future',
          'line 3: occurred_at: 0001-01-01T10:00:31Z is before 2000-01-01',
          'line 4: occurred_at: 1999-12-31T10:00:32Z is before 2000-01-01',
          '',
        ].join('\n'),
      );
      expect(result.stdout).toMatch(/^read 4, inserted 1, /);

      const sends = await write('old-sends.csv', 'day,sending_inbox,sent\n1900-01-01,d1@d-dom.com,5\n2099-01-01,d1@d-dom.com,5\n');
      expect((await run(['import', 'sends', sends])).stderr).toBe(
        'line 2: day: 1900-01-01 is before 2000-01-01\nline 3: day: 2099-01-01 is more than a day in the future\n',
      );
      const complaints = await write('late-complaints.csv', 'day,sending_domain,complaints\n2099-01-01,d-dom.com,1\n');
      expect((await run(['import', 'complaints', complaints])).stderr).toBe('line 2: day: 2099-01-01 is more than a day in the future\n');
      expect(await query("SELECT count(*)::int AS n FROM daily_sends WHERE sending_inbox = 'd1@d-dom.com'")).toEqual([{ n: 0 }]);
    });

    it('refuses a digest of a day more than a day ahead', async () => {
      const result = await run(['digest', '--date', '2099-01-01', '--json']);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('smtp-desk digest: --date 2099-01-01 is more than a day in the future: no event can be stored for that day\n');
      expect(result.stdout).toBe('');
    });

    describe('a day with no data at all', () => {
      let fake: FakeSlack;
      beforeAll(async () => {
        fake = await startFakeSlack();
      });
      afterAll(async () => fake.stop());
      const empty = '2026-10-01';

      it('says there is no data in the text, the JSON and the posted message instead of all green', async () => {
        const text = await run(['digest', '--date', empty, '--dry-run']);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain(`No sends or bounces were recorded for ${empty}`);
        expect(text.stdout).not.toContain('within the lines');

        const json = JSON.parse((await run(['digest', '--date', empty, '--json'])).stdout) as { no_data: boolean };
        expect(json.no_data).toBe(true);
        expect((await run(['import', 'sends', await write('busy-day.csv', 'day,sending_inbox,sent\n2026-10-02,busy@busy-dom.com,40\n')])).code).toBe(0);
        const busy = JSON.parse((await run(['digest', '--date', '2026-10-02', '--json'])).stdout) as { no_data: boolean };
        expect(busy.no_data).toBe(false);

        const posted = await run(['digest', '--date', empty], { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl, DIGEST_CHANNEL: 'C0DIGEST' });
        expect(posted.code).toBe(0);
        const [post] = fake.callsTo('chat.postMessage');
        expect(post!.args.text).toBe(`Domain health ${empty}: no sends or bounces were recorded`);
        expect(JSON.stringify(post!.args.blocks)).toContain(`No sends or bounces were recorded for ${empty}`);
      });
    });
  });

  describe('control characters', () => {
    it('escapes them in every message that quotes the file', async () => {
      const badHeader = await write('escape-header.csv', '\u001b[2J\u001b]0;owned\u0007,recipient\u009b\nx,y\n');
      const headerResult = await run(['import', 'bounces', badHeader]);
      expect(headerResult.code).toBe(2);
      expect(headerResult.stderr).not.toMatch(raw);
      expect(headerResult.stderr).toContain('found \\u001b[2j\\u001b]0;owned\\u0007, recipient\\u009b');

      const rows = await write('escape-rows.csv', `occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic\n2026-11-27T10:00:00Z,\u001b[31m\u007f\u009b@x,a@b.example,550,5.1.1,x\n`);
      const rowResult = await run(['import', 'bounces', rows]);
      expect(rowResult.code).toBe(3);
      expect(rowResult.stderr).not.toMatch(raw);
      expect(rowResult.stderr).toBe('line 2: sending_inbox: not an email address: "\\u001b[31m\\u007f\\u009b@x"\n');

      const garbage = await runCli(['import', 'bounces', '-', '--format', 'lemlist'], { env, cwd: tmp.dir, input: '\u001b[31m\u0000\u009b garbage\n' });
      expect(garbage.code).toBe(3);
      expect(garbage.stderr).not.toMatch(raw);
      expect(garbage.stderr).toMatch(/^line 1: not JSON: .*\\u001b/);
    });
  });
});
