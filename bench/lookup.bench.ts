// Explanations per second on the bench mix (bare codes and provider reply lines) and on whole
// reports of 2–10 KB, against a baseline reader measured in the same run, and the slowest single
// input of the property test's hostile corpus. The baseline is the reader of another checkout
// (BASELINE_READER=<its root>, e.g. a temporary `git worktree add --detach <dir> main`); without it
// only this reader's figures are printed. Prints markdown table rows.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifyBounce } from '../src/knowledge/bounce-reading.js';
import { enhancedCodes } from '../src/knowledge/enhanced-codes.js';
import { explain } from '../src/knowledge/explain.js';
import { replyCodes } from '../src/knowledge/reply-codes.js';
import { loadCorpus } from '../test/knowledge/corpus/load.js';
import { hostileCorpus } from '../test/knowledge/hostile-corpus.js';
import { providerCases } from '../test/knowledge/reference.js';
import { machineLine } from './support/machine.js';

type Explain = (input: string) => unknown;

const bareCodes = [
  ...Object.keys(replyCodes),
  ...Object.keys(enhancedCodes).flatMap((key) => [`4.${key}`, `5.${key}`]),
  ...Object.keys(enhancedCodes).map((key) => `550 5.${key}`),
];
const bounceLines = providerCases().map((row) => row.input);
const mix = [...bareCodes, ...bounceLines];

/** Whole reports as a mail client keeps them: the corpus's reports, their DSN part and the returned message, 2–10 KB. */
function wholeReports(): string[] {
  const reports = loadCorpus().filter((entry) => entry.text.length >= 300).map((entry) => entry.text);
  const headers = [
    'Content-Type: message/rfc822', '', 'Received: from sender.outreach-mail.example (sender.outreach-mail.example [203.0.113.10])',
    '\tby mail.outreach-mail.example (Postfix) with ESMTPSA id 4Qx1Z2 for <lead@company.example>; Tue,  1 Dec 2026 06:40:11 +0000 (UTC)',
    'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=outreach-mail.example; s=s1; h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==',
    'From: Alex <alex@outreach-mail.example>', 'To: lead@company.example', 'Subject: Quick question about your Q1 freight', 'Date: Tue, 1 Dec 2026 06:40:09 +0000',
    'Message-ID: <20261201064009.4Qx1Z2@outreach-mail.example>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
  ].join('\n');
  const body = 'Hi, I noticed your team ships 250 pallets a week out of 3 depots; we cut 4.2.1 % off similar lanes. Worth a 15 minute call on Thursday at 2:30? ';
  return reports.map((report, index) => {
    const target = 2048 + ((index * 977) % 8192);
    let text = `${report}\n\n${headers}`;
    while (text.length < target) text += body;
    return text.slice(0, target);
  });
}

/** Calls per second of `work` over `inputs`, looping for at least `minMs`. */
function rate(inputs: readonly string[], work: Explain, minMs = 1500): number {
  for (const input of inputs) work(input);
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) work(input);
    calls += inputs.length;
    elapsed = performance.now() - started;
  }
  return calls / (elapsed / 1000);
}

/** Best of `rounds` rates, the two readers taking turns, so a busy moment of the machine hits both alike. */
function compare(inputs: readonly string[], readers: readonly Explain[], rounds = 5): number[] {
  const best = readers.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    readers.forEach((reader, index) => {
      best[index] = Math.max(best[index] ?? 0, rate(inputs, reader, 800));
    });
  }
  return best;
}

async function baselineReader(): Promise<Explain | undefined> {
  const root = process.env.BASELINE_READER;
  if (!root) return undefined;
  const file = path.join(root, 'src/knowledge/explain.ts');
  if (!fs.existsSync(file)) throw new Error(`BASELINE_READER: no ${file}`);
  const module = (await import(pathToFileURL(file).href)) as { explain: Explain };
  return module.explain;
}

const baseline = await baselineReader();
const reports = wholeReports();
const readers: Explain[] = baseline ? [explain, baseline] : [explain];
const [mixNew = 0, mixOld] = compare(mix, readers);
const [reportsNew = 0, reportsOld] = compare(reports, readers);
const classified = rate(mix, (input) => classifyBounce(input));

/** Slowest corpus input: time each once, then re-time the 20 slowest (best of 5) so a GC pause is not blamed on an input. */
const corpusSize = 100_000;
const timings: { input: string; ms: number }[] = [];
for (const input of hostileCorpus(corpusSize)) {
  const started = performance.now();
  explain(input);
  timings.push({ input, ms: performance.now() - started });
}
timings.sort((a, b) => b.ms - a.ms);
const worst = timings.slice(0, 20).map(({ input }) => {
  let best = Infinity;
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = performance.now();
    explain(input);
    best = Math.min(best, performance.now() - started);
  }
  return { length: input.length, ms: best };
});
worst.sort((a, b) => b.ms - a.ms);
const slowest = worst[0] ?? { length: 0, ms: 0 };

const round = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (value: number, against: number | undefined) => (against ? `${(value / against).toFixed(2)}×` : 'n/a');
const sizes = reports.map((report) => report.length);
console.log('| input | explain()/s | baseline reader /s | ratio | machine |');
console.log('|---|---|---|---|---|');
console.log(`| bench mix (${bareCodes.length} bare codes + ${bounceLines.length} reply lines) | ${round(mixNew)} | ${mixOld ? round(mixOld) : 'n/a'} | ${ratio(mixNew, mixOld)} | ${machineLine()} |`);
console.log(
  `| whole reports (${reports.length}, ${Math.min(...sizes)}–${Math.max(...sizes)} chars) | ${round(reportsNew)} | ${reportsOld ? round(reportsOld) : 'n/a'} | ${ratio(reportsNew, reportsOld)} | ${machineLine()} |`,
);
console.log(`\nclassifyBounce()/s on the mix: ${round(classified)}; slowest of ${corpusSize.toLocaleString('en-US')} hostile inputs: ${slowest.ms.toFixed(2)} ms (${slowest.length} chars)`);
const goalsMet = mixNew >= 100_000 && reportsNew >= 10_000 && slowest.ms < 5;
console.log(goalsMet ? 'goals met: ≥100,000/s on the mix, ≥10,000/s on whole reports, no input over 5 ms' : 'GOALS MISSED: want ≥100,000/s on the mix, ≥10,000/s on whole reports, no input over 5 ms');
process.exitCode = goalsMet ? 0 : 1;
