// `smtp-desk import complaints --format postmaster`: saved Postmaster Tools answers, v2 and v1,
// shaped field for field as Google writes them (test/fixtures/postmaster/), through the verb in-process.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { tempDir, type CliRun } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { collector } from '../support/streams.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/postmaster/${name}`, import.meta.url));

describe(`import complaints --format postmaster on ${databaseLabel}`, () => {
  let store: TestStore;
  let tmp: { dir: string; remove: () => Promise<void> };

  beforeAll(async () => {
    store = await openTestStore();
    tmp = await tempDir('smtp-desk-postmaster-import');
  });
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });
  beforeEach(async () => {
    await store.pool.query('TRUNCATE daily_complaints');
  });

  async function run(args: string[]): Promise<CliRun> {
    const stdout = collector();
    const stderr = collector();
    const stdin = new PassThrough();
    stdin.end();
    const env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error', SMTP_DESK_DATA_DIR: tmp.dir };
    const code = await main(['import', 'complaints', ...args], { stdin, stdout, stderr, env });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }
  const stored = async () =>
    (await store.pool.query<{ day: string; sending_domain: string; spam_rate: number; complaints: number | null }>(
      'SELECT day::text AS day, sending_domain, spam_rate::float8 AS spam_rate, complaints FROM daily_complaints ORDER BY 2, 1',
    )).rows;

  it('v2: the spam_rate rows of every page become the domain’s reported rates; a bad row is named by its line', async () => {
    const rejects = path.join(tmp.dir, 'rejects.csv');
    const result = await run([fixture('domain-stats-pages.json'), '--format', 'postmaster', '--domain', 'Outreach-Example.com', '--rejects', rejects]);
    expect(result.stderr).toBe('line 29: value: has neither doubleValue nor intValue\n');
    expect(result.stdout).toMatch(/^read 5, inserted 3, replaced 0, duplicates 0, conflicts 0, ignored 1, rejected 1 in /);
    expect(result.code).toBe(3);
    expect(await stored()).toEqual([
      { day: '2026-11-27', sending_domain: 'outreach-example.com', spam_rate: 0.0012, complaints: null },
      { day: '2026-11-28', sending_domain: 'outreach-example.com', spam_rate: 0.0041, complaints: null },
      { day: '2026-11-29', sending_domain: 'outreach-example.com', spam_rate: 0, complaints: null },
    ]);
    const lines = (await fs.readFile(rejects, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe('payload,line,reason');
    expect(lines[1]).toContain(',29,value: has neither doubleValue nor intValue');
  });

  it('v2: --metric picks the rows of the name the query gave SPAM_RATE; one page alone is a whole file', async () => {
    const page = {
      domainStats: [
        { metric: 'gmail_spam', date: { year: 2026, month: 11, day: 27 }, value: { doubleValue: 0.0062 } },
        { metric: 'spam_rate', date: { year: 2026, month: 11, day: 27 }, value: { doubleValue: 0.0001 } },
      ],
    };
    const file = path.join(tmp.dir, 'one-page.json');
    await fs.writeFile(file, JSON.stringify(page, null, 2));
    const result = await run([file, '--format', 'postmaster', '--domain', 'reach-mail.io', '--metric', 'gmail_spam']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await stored()).toEqual([{ day: '2026-11-27', sending_domain: 'reach-mail.io', spam_rate: 0.0062, complaints: null }]);
  });

  it('v1: domain and day come from name; a day without userReportedSpamRatio holds nothing and is ignored', async () => {
    const result = await run([fixture('traffic-stats-v1.json'), '--format', 'postmaster']);
    expect(result.stderr).toBe(
      'line 23: name: must look like domains/example.com/trafficStats/20250930, not "domains/reach-mail.io/trafficStats/2025-09-29"\n' +
        'line 27: userReportedSpamRatio: must be between 0 and 1\n',
    );
    expect(result.stdout).toMatch(/^read 5, inserted 2, replaced 0, duplicates 0, conflicts 0, ignored 1, rejected 2 in /);
    expect(result.code).toBe(3);
    expect(await stored()).toEqual([
      { day: '2025-09-27', sending_domain: 'outreach-example.com', spam_rate: 0.0008, complaints: null },
      { day: '2025-09-28', sending_domain: 'reach-mail.io', spam_rate: 0.0052, complaints: null },
    ]);
  });

  it('v1: an array of single TrafficStats objects (trafficStats.get answers), each named by its own line', async () => {
    const file = path.join(tmp.dir, 'singles.json');
    const one = (day: string, ratio: unknown) => ({ name: `domains/reach-mail.io/trafficStats/${day}`, userReportedSpamRatio: ratio });
    await fs.writeFile(file, JSON.stringify([one('20250926', 0.002), one('20250927', '0.4%'), one('20250928', -0.1)], null, 2));
    const result = await run([file, '--format', 'postmaster']);
    expect(result.stderr).toBe('line 10: userReportedSpamRatio: must be between 0 and 1\n');
    expect(result.code).toBe(3);
    expect(await stored()).toEqual([
      { day: '2025-09-26', sending_domain: 'reach-mail.io', spam_rate: 0.002, complaints: null },
      { day: '2025-09-27', sending_domain: 'reach-mail.io', spam_rate: 0.004, complaints: null },
    ]);
  });

  it('a file of the other version, a file that is not JSON, and misplaced flags: one line each, nothing stored', async () => {
    const notJson = path.join(tmp.dir, 'not.json');
    await fs.writeFile(notJson, '{"domainStats": [');
    const cases: [string[], RegExp][] = [
      [[fixture('traffic-stats-v1.json'), '--format', 'postmaster', '--domain', 'x.com'], /^smtp-desk import: this is a v1 trafficStats export, whose names carry the domain: leave out --domain\n$/],
      [[fixture('domain-stats-pages.json'), '--format', 'postmaster'], /^smtp-desk import: this is a v2 domainStats answer, whose rows carry no domain: give --domain D\n$/],
      [[notJson, '--format', 'postmaster', '--domain', 'x.com'], /^smtp-desk import: the file is not one JSON document \(.+\): give the API's answer as saved, one page or an array of pages\n$/],
      [[notJson, '--domain', 'x.com'], /^smtp-desk import: --domain goes with --format postmaster/],
      [[notJson, '--format', 'postmaster', '--metric', 'spam'], /^smtp-desk import: --metric names the spam rate of a v2 domainStats answer: it goes with --domain/],
      [[notJson, '--format', 'postmaster', '--domain', 'not a domain'], /^smtp-desk import: --domain: "not a domain" is not a domain name/],
    ];
    for (const [args, says] of cases) {
      const result = await run(args);
      expect(result.stderr, args.join(' ')).toMatch(says);
      expect(result.code, args.join(' ')).toBe(2);
    }
    expect(await stored()).toEqual([]);
  });
});
