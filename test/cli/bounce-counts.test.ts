// What counts as a bounce, and a bounce rate nobody can trust, through the CLI as a user runs it:
// `smtp-desk import` as a child process, then `smtp-desk digest --json` / `--dry-run` on its rows.
// On a Postgres server the import takes the COPY path, on the embedded database the INSERT path.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { childDatabaseEnv, databaseLabel, openTestStore, type TestStore } from '../support/db.js';
import { instantlyBounce, jsonLines } from '../ingest/fixtures.js';

const day = '2026-11-27';

interface DigestJson {
  totals: { domains_checked: number; sent: number; bounces: number; bounce_rate: number | null };
  summary: Record<string, number>;
  domains: { domain: string; verdict: string; sent: number; bounces: number; bounce_rate: number | null; invalid_rate: number | null; findings: { rule: string; severity: string; value: number; threshold: number; message: string }[] }[];
}

describe(`bounce counts from import to digest on ${databaseLabel}`, () => {
  let store: TestStore;
  let tmp: { dir: string; remove: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore();
    tmp = await tempDir('smtp-desk-counts');
    env = { ...childDatabaseEnv(store), LOG_LEVEL: 'error', HOME: tmp.dir };
  });
  afterAll(async () => {
    await store.close();
    await tmp.remove();
  });

  const cli = (args: string[], input?: string) => runCli(args, { env, cwd: tmp.dir, input });
  async function write(name: string, content: string): Promise<string> {
    const file = path.join(tmp.dir, name);
    await fs.writeFile(file, content);
    return file;
  }
  async function digestJson(): Promise<DigestJson> {
    const result = await cli(['digest', '--date', day, '--json', '--all']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as DigestJson;
  }
  const rollup = async (domain: string) =>
    (await store.pool.query('SELECT events, bounces, deferrals, invalid FROM bounce_daily WHERE day = $1 AND sending_domain = $2', [day, domain])).rows[0];

  it('counts sequencer bounces without a reply code as bounces, and a 4xx deferral as a deferral', async () => {
    const bounces = Array.from({ length: 20 }, (_, i) =>
      instantlyBounce({ email_id: `email-${i}`, lead_email: `lead${i}@prospect${i % 4}.example`, timestamp: `${day}T15:${String(i).padStart(2, '0')}:00.000Z` }),
    );
    const imported = await cli(['import', 'bounces', '-', '--format', 'instantly'], jsonLines(bounces));
    expect(imported.stdout).toMatch(/^read 20, inserted 20, /);
    const deferral = await write(
      'deferral.csv',
      'occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic\n' +
        `${day}T16:00:00Z,lukas@reach-example.io,slow@prospect0.example,,,"421 4.7.0 Try again later, closing connection."\n`,
    );
    expect((await cli(['import', 'bounces', deferral])).code).toBe(0);
    const sends = await write('sends.csv', `day,sending_inbox,sent\n${day},lukas@reach-example.io,70\n${day},mia@reach-example.io,50\n`);
    expect((await cli(['import', 'sends', sends])).code).toBe(0);

    expect(await rollup('reach-example.io')).toEqual({ events: 21, bounces: 20, deferrals: 1, invalid: 0 });
    const json = await digestJson();
    const domain = json.domains.find((entry) => entry.domain === 'reach-example.io');
    expect(domain).toMatchObject({ verdict: 'pull', sent: 120, bounces: 20, bounce_rate: 20 / 120 });
    expect(domain?.findings.map((finding) => finding.rule)).toEqual(['bounce_rate']);
    expect(domain?.findings[0]?.message).toMatch(/^Bounce rate 16\.7 % \(20 of 120 sends\) is over the 7 % pull line/);
  });

  it('flags bounces without sends as missing data, and never shows a rate over 100 %', async () => {
    const header = 'occurred_at,sending_inbox,recipient,reply_code,enhanced_code,diagnostic';
    const lines = (domain: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${day}T10:${String(i % 60).padStart(2, '0')}:${String(Math.floor(i / 60)).padStart(2, '0')}Z,ana@${domain},lead${i}@gmail.com,550,5.1.1,"550 5.1.1 no such user"`);
    const file = await write('no-sends.csv', [header, ...lines('nosends.example', 150), ...lines('fewsends.example', 150)].join('\n') + '\n');
    expect((await cli(['import', 'bounces', file])).stdout).toMatch(/^read 300, inserted 300, /);
    const sends = await write('few-sends.csv', `day,sending_inbox,sent\n${day},ana@fewsends.example,60\n`);
    expect((await cli(['import', 'sends', sends])).code).toBe(0);

    const json = await digestJson();
    for (const [name, sent] of [['nosends.example', 0], ['fewsends.example', 60]] as const) {
      const domain = json.domains.find((entry) => entry.domain === name);
      expect(domain, name).toMatchObject({ verdict: 'fix', sent, bounces: 150, bounce_rate: null, invalid_rate: null });
      expect(domain?.findings[0], name).toMatchObject({ rule: 'missing_sends', severity: 'fix', value: 150, threshold: sent });
      expect(domain?.findings.map((finding) => finding.rule), name).not.toContain('bounce_rate');
    }
    const few = json.domains.find((entry) => entry.domain === 'fewsends.example');
    expect(few?.findings[0]?.message).toBe(
      '150 bounces but only 60 sends recorded: import the day’s sends of every inbox of this domain; until then its rates are not judged and it is left out of the fleet’s bounce rate',
    );
    // The fleet's rate is over the one domain whose sends cover its bounces (20 of 120).
    expect(json.totals).toEqual({ domains_checked: 3, sent: 180, bounces: 320, bounce_rate: 20 / 120 });
    expect(json.summary).toEqual({ pull: 1, fix: 2, watch: 0, healthy: 0 });

    const flagged = JSON.parse((await cli(['digest', '--date', day, '--json'])).stdout) as DigestJson;
    expect(flagged.domains.map((entry) => entry.domain)).toEqual(['reach-example.io', 'fewsends.example', 'nosends.example']);

    const text = await cli(['digest', '--date', day, '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 active domains checked · 180 sends · 320 bounces · bounce rate 16.67 % (leaving out 2 domains with fewer sends than bounces)');
    expect(text.stdout).toContain('nosends.example');
    for (const percent of text.stdout.matchAll(/(\d[\d,.]*) %/g)) expect(Number(percent[1]!.replaceAll(',', '')), percent[0]).toBeLessThanOrEqual(100);
  });
});
