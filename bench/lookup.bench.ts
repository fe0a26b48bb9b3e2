// Explanations per second for a realistic mix, against a bare regex scan of the same inputs, and the
// slowest single input of the property test's hostile corpus. Prints one markdown table row.
import os from 'node:os';
import { classifyBounce } from '../src/knowledge/bounce-reading.js';
import { enhancedCodes } from '../src/knowledge/enhanced-codes.js';
import { explain } from '../src/knowledge/explain.js';
import { replyCodes } from '../src/knowledge/reply-codes.js';
import { hostileCorpus } from '../test/knowledge/hostile-corpus.js';
import { providerCases } from '../test/knowledge/reference.js';

const bareCodes = [
  ...Object.keys(replyCodes),
  ...Object.keys(enhancedCodes).flatMap((key) => [`4.${key}`, `5.${key}`]),
  ...Object.keys(enhancedCodes).map((key) => `550 5.${key}`),
];
const bounceLines = providerCases().map((row) => row.input);
const mix = [...bareCodes, ...bounceLines];

/** Calls per second of `work` over `inputs`, looping for at least `minMs`. */
function rate(inputs: readonly string[], work: (input: string) => unknown, minMs = 1500): number {
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

/** Baseline: String.prototype.match of a simple reply-or-enhanced code regex. */
const simpleCode = /\b[245]\d\d\b|\b[245]\.\d{1,3}\.\d{1,3}\b/;
const baseline = rate(mix, (input) => input.match(simpleCode));
const explained = rate(mix, explain);
const classified = rate(mix, classifyBounce);

/** Slowest corpus input: time each once, then re-time the 20 slowest (best of 5) so a GC pause is not blamed on an input. */
const corpusSize = 100_000;
const timings: { input: string; ms: number }[] = [];
for (const input of hostileCorpus(corpusSize)) {
  const started = performance.now();
  explain(input);
  timings.push({ input, ms: performance.now() - started });
}
timings.sort((a, b) => b.ms - a.ms);
const p99 = timings[Math.floor(corpusSize / 100)]?.ms ?? 0;
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
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log('| explain()/s | baseline match()/s | explain vs baseline | classifyBounce()/s | slowest corpus input | corpus p99 | machine |');
console.log('|---|---|---|---|---|---|---|');
console.log(
  `| ${round(explained)} | ${round(baseline)} | ${(explained / baseline).toFixed(3)}× | ${round(classified)} | ` +
    `${slowest.ms.toFixed(2)} ms (${slowest.length} chars; first pass max ${timings[0]?.ms.toFixed(2)} ms) | ${p99.toFixed(3)} ms | ` +
    `${cpu}, ${os.cpus().length} cores, Node ${process.version} |`,
);
console.log(`\nmix: ${bareCodes.length} bare codes + ${bounceLines.length} reference bounce lines; corpus: ${corpusSize.toLocaleString('en-US')} hostile inputs up to 40 KB`);
const goalsMet = explained > 50_000 && slowest.ms < 5;
console.log(goalsMet ? 'goals met: over 50,000 explanations/s, no input over 5 ms' : 'GOALS MISSED: want over 50,000 explanations/s and no input over 5 ms');
process.exitCode = goalsMet ? 0 : 1;
