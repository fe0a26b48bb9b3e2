import { once } from 'node:events';
import readline from 'node:readline';
import { explain, isRecognised } from '../knowledge/explain.js';
import { renderExplanation } from '../knowledge/render.js';
import { nothingRecognised, usageText } from '../slack/blocks/usage.js';
import { readArgs } from './args.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const lookupUsage = [
  'usage: smtp-desk lookup [--json] <code or bounce text…>',
  '       smtp-desk lookup --jsonl   (one input per stdin line, one JSON object per output line)',
].join('\n');

interface LookupOptions {
  json: boolean;
  jsonl: boolean;
  help: boolean;
  words: string[];
}

const flags = { json: { type: 'boolean' }, jsonl: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** Bounce text may hold words such as `-5` or `-`: only a dash then a letter or a dash reads as an option. */
const looksLikeOption = (arg: string) => /^-(?:-|[a-zA-Z])/.test(arg);

/** Parse the verb's arguments; a string is a usage error to report. */
function parseArguments(argv: string[]): LookupOptions | string {
  const options: LookupOptions = { json: false, jsonl: false, help: false, words: [] };
  for (const arg of readArgs(argv, flags)) {
    if (arg.kind === 'option') options[arg.name as keyof typeof flags] = true;
    else if (arg.kind === 'positional' || (arg.kind === 'unknown' && !looksLikeOption(arg.raw))) options.words.push(arg.raw);
    else if (arg.kind === 'unknown') return `unknown option "${arg.raw}"`;
  }
  if (options.json && options.jsonl) return '--json and --jsonl cannot be combined';
  if (options.jsonl && options.words.length > 0) return '--jsonl reads its inputs from stdin, not from arguments';
  if (!options.jsonl && !options.help && options.words.join('').trim() === '') return 'give a code or bounce text to look up';
  return options;
}

async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Bytes of output gathered before each write, so millions of lines do not mean millions of writes. */
const chunkSize = 64 * 1024;

/** Explain stdin line by line, in order, honouring backpressure on both ends. */
async function lookupLines(io: CliIo): Promise<number> {
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  let recognisedAny = false;
  let chunk = '';
  for await (const line of lines) {
    const explanation = explain(line);
    recognisedAny ||= isRecognised(explanation);
    chunk += `${JSON.stringify(explanation)}\n`;
    if (chunk.length >= chunkSize) {
      await write(io.stdout, chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) await write(io.stdout, chunk);
  return recognisedAny ? exitCodes.ok : exitCodes.failure;
}

/** `smtp-desk lookup`: explain a code or bounce from the command line. */
export const lookup: Verb = async (argv, io) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk lookup: ${options}\n\n${lookupUsage}`);
    return exitCodes.usage;
  }
  if (options.help) {
    writeLine(io.stdout, lookupUsage);
    return exitCodes.ok;
  }
  if (options.jsonl) return lookupLines(io);
  const explanation = explain(options.words.join(' '));
  const recognised = isRecognised(explanation);
  if (options.json) writeLine(io.stdout, JSON.stringify(explanation, null, 2));
  else if (recognised) writeLine(io.stdout, renderExplanation(explanation));
  if (!recognised) {
    writeLine(io.stderr, `smtp-desk lookup: ${nothingRecognised}\n\n${usageText}`);
    return exitCodes.failure;
  }
  return exitCodes.ok;
};
