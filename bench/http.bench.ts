// Signed `/smtp help` requests per second through smtp-desk's HTTP receiver (signature check, Bolt
// routing, the real listener) against a bare node:http server answering the same route with the
// same body, driven by the same client in the same run; then time from `smtp-desk serve` to ready
// on an existing embedded data folder, compiled (bin/smtp-desk.js running dist/, built first) and
// from the TypeScript sources through tsx (how bin/smtp-desk.js ran before dist/), taking turns,
// against bare `node -e` start-up.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRate, machineLine } from './support/machine.js';
import { stubSlackApi } from './support/slack-stub.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The two ways to start smtp-desk: node's arguments before the verb. */
const starts = {
  compiled: [path.join(root, 'bin', 'smtp-desk.js')],
  tsx: ['--import', 'tsx', path.join(root, 'src', 'main.ts')],
} as const;
type Start = keyof typeof starts;
const signingSecret = 'bench-signing-secret';
const requests = Number(process.env.BENCH_HTTP_REQUESTS ?? 4000);
const concurrency = 16;

function signedHelp(): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'x', team_id: 'T1', team_domain: 'bench', channel_id: 'C1', channel_name: 'bench', user_id: 'U1',
    user_name: 'bench', command: '/smtp', text: 'help', api_app_id: 'A1', is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response', trigger_id: 't',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  };
}

async function load(port: number): Promise<{ perSecond: number; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  let failures = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const { body, headers } = signedHelp();
      const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) failures++;
          resolve();
        });
      });
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (sent < requests) {
      sent++;
      await one();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: requests / seconds, failures };
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) resolve(match[0]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before ready: ${seen}`)));
  });
}

const slackApi = await stubSlackApi();

async function startSmtpDesk(dataDir: string, how: Start): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...starts[how], 'serve'], {
    cwd: root,
    env: {
      ...process.env, PORT: '0', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slackApi.url, SMTP_DESK_DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await waitForLine(child, /ready \(HTTP on port (\d+)\)/);
  return { child, port: Number(/port (\d+)/.exec(line)![1]), ms: performance.now() - started };
}

async function bareServer(body: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url !== '/slack/events') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function fetchHelpBody(port: number): Promise<string> {
  const { body, headers } = signedHelp();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
  if (res.status !== 200) throw new Error(`smtp-desk answered ${res.status}`);
  return res.text();
}

async function nodeStartMs(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', resolve));
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('npm run build failed');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-desk-bench-'));
try {
  // First start creates the embedded database (initdb); only later starts are measured.
  const first = await startSmtpDesk(dataDir, 'compiled');
  const helpBody = await fetchHelpBody(first.port);
  await load(first.port); // warm-up
  const desk = await load(first.port);
  first.child.kill('SIGTERM');
  await new Promise((resolve) => first.child.on('exit', resolve));

  const bare = await bareServer(helpBody);
  await load(bare.port);
  const baseline = await load(bare.port);
  bare.server.close();

  const startMs: Record<Start, number[]> = { compiled: [], tsx: [] };
  const nodeStarts: number[] = [];
  for (let run = 0; run < 5; run++) {
    for (const how of Object.keys(starts) as Start[]) {
      const started = await startSmtpDesk(dataDir, how);
      startMs[how].push(started.ms);
      started.child.kill('SIGTERM');
      await new Promise((resolve) => started.child.on('exit', resolve));
    }
    nodeStarts.push(await nodeStartMs());
  }

  console.log(`machine: ${machineLine()}`);
  console.log(`| measure | smtp-desk | baseline | ratio |`);
  console.log(`|---|---|---|---|`);
  console.log(
    `| signed /smtp help, requests/s (${requests} requests, ${concurrency} concurrent; baseline: bare node:http, same route and body) | ${formatRate(desk.perSecond)} (${desk.failures} failed) | ${formatRate(baseline.perSecond)} | ${(desk.perSecond / baseline.perSecond).toFixed(2)} |`,
  );
  for (const how of Object.keys(starts) as Start[]) {
    console.log(
      `| start to ready, ${how}, existing embedded data folder, median of 5 (baseline: \`node -e 0\`) | ${Math.round(median(startMs[how]))} ms | ${Math.round(median(nodeStarts))} ms | ${(median(startMs[how]) / median(nodeStarts)).toFixed(1)}× |`,
    );
  }
  console.log(`| start to ready, compiled ÷ tsx | | | ${(median(startMs.compiled) / median(startMs.tsx)).toFixed(2)} |`);
  console.log(`  each start (ms): ${(Object.keys(starts) as Start[]).map((how) => `${how} ${startMs[how].map(Math.round).join(', ')}`).join('; ')}`);
} finally {
  slackApi.server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
