import { count } from '../health/format.js';
import { replayHeld } from '../ingest/replay.js';
import { heldPayloads, type DeadLetter } from '../store/dead-letters.js';
import { readArgs } from './args.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const heldUsage = `usage: smtp-desk rejects [--json]            list the webhook payloads held, and why
       smtp-desk rejects --replay [--json]   store them through the current adapters

Exit status: 0 done (after --replay: nothing is still held), 3 after --replay: some payloads are
still held (listed with today's reason), 2 usage error.`;

const flags = { json: { type: 'boolean' }, replay: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

type HeldOptions = { kind: 'help' } | { kind: 'list' | 'replay'; json: boolean };

function parseArguments(argv: string[]): HeldOptions | string {
  let json = false;
  let replay = false;
  for (const arg of readArgs(argv, flags)) {
    if (arg.kind === 'option' && arg.name === 'help') return { kind: 'help' };
    if (arg.kind === 'option' && arg.name === 'json') json = true;
    else if (arg.kind === 'option' && arg.name === 'replay') replay = true;
    else return arg.raw.startsWith('-') ? `unknown option "${arg.raw}"` : `unexpected argument "${arg.raw}"`;
  }
  return { kind: replay ? 'replay' : 'list', json };
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const heldJson = (letter: DeadLetter) => ({
  id: letter.id,
  sequencer: letter.sequencer,
  received_at: letter.received_at.toISOString(),
  reason: letter.reason,
  payload: letter.payload,
});

function heldLines(letters: readonly DeadLetter[]): string[] {
  return letters.map((letter) => `  #${letter.id}  ${when(letter.received_at)}  ${letter.sequencer}: ${letter.reason}`);
}

async function list(io: CliIo, json: boolean): Promise<number> {
  return withContext(io, async (context) => {
    const held = await heldPayloads(context.store.pool);
    if (json) writeLine(io.stdout, JSON.stringify({ held: held.map(heldJson) }, null, 2));
    else if (held.length === 0) writeLine(io.stdout, 'no webhook payloads are held');
    else writeLine(io.stdout, [`${count(held.length, 'webhook payload')} held (smtp-desk rejects --replay stores them once an upgrade reads them):`, ...heldLines(held)].join('\n'));
    return exitCodes.ok;
  });
}

async function replay(io: CliIo, json: boolean): Promise<number> {
  return withContext(io, async (context) => {
    const { counts, stillHeld } = await replayHeld(context.store.pool);
    if (json) {
      const { read, inserted, duplicates, conflicts, ignored } = counts;
      writeLine(io.stdout, JSON.stringify({ read, stored: inserted, duplicates, conflicts, ignored, still_held: stillHeld.map(heldJson) }, null, 2));
    } else {
      writeLine(
        io.stdout,
        `replayed ${counts.read}: stored ${counts.inserted}, duplicates ${counts.duplicates}, conflicts ${counts.conflicts}, ignored ${counts.ignored}, still held ${stillHeld.length}`,
      );
      if (stillHeld.length > 0) writeLine(io.stdout, ['still held:', ...heldLines(stillHeld)].join('\n'));
    }
    return stillHeld.length > 0 ? exitCodes.rowsRejected : exitCodes.ok;
  });
}

/** `smtp-desk rejects`: the webhook payloads held at the door (webhook_dead_letters), and their replay. */
export const rejectsVerb: Verb = async (argv, io) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk rejects: ${options}\n\n${heldUsage}`);
    return exitCodes.usage;
  }
  if (options.kind === 'help') {
    writeLine(io.stdout, heldUsage);
    return exitCodes.ok;
  }
  return options.kind === 'replay' ? replay(io, options.json) : list(io, options.json);
};
