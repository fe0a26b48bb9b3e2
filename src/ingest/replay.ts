import { heldPayloads, markReplayed, updateHeldReasons, type DeadLetter } from '../store/dead-letters.js';
import type { Queryable } from '../store/store.js';
import type { Adapter } from './adapters/adapter.js';
import { webhookAdapter } from './adapters/index.js';
import { importRecords, type ImportCounts } from './import.js';
import type { SourceRecord } from './records.js';

export interface ReplayResult {
  counts: ImportCounts;
  /** The payloads the current adapters still cannot read, with today's reason. */
  stillHeld: DeadLetter[];
}

export type BounceAdapterFor = (sequencer: string) => Adapter<'bounces'> | undefined;

async function* once<T>(item: T): AsyncGenerator<T> {
  yield item;
}

/**
 * Runs every held webhook payload through the adapter of its sequencer, as a webhook would: what
 * it reads now is stored (once: a stored event is a duplicate) and no longer held; what it still
 * cannot read stays held with today's reason. Running it again stores nothing new.
 */
export async function replayHeld(db: Queryable, adapterFor: BounceAdapterFor = webhookAdapter): Promise<ReplayResult> {
  const held = await heldPayloads(db);
  const counts: ImportCounts = { read: 0, inserted: 0, replaced: 0, duplicates: 0, conflicts: 0, ignored: 0, rejected: 0 };
  const stillHeld: DeadLetter[] = [];
  const bySequencer = new Map<string, DeadLetter[]>();
  for (const letter of held) {
    const group = bySequencer.get(letter.sequencer);
    if (group) group.push(letter);
    else bySequencer.set(letter.sequencer, [letter]);
  }
  for (const [sequencer, letters] of bySequencer) {
    const adapter = adapterFor(sequencer);
    if (!adapter) {
      counts.read += letters.length;
      counts.rejected += letters.length;
      stillHeld.push(...letters.map((letter) => ({ ...letter, reason: `no adapter reads ${sequencer} payloads any more` })));
      continue;
    }
    const byId = new Map(letters.map((letter) => [letter.id, letter]));
    const records: SourceRecord[] = letters.map((letter) => ({ line: letter.id, raw: [JSON.stringify(letter.payload)], data: letter.payload }));
    const refused = new Map<number, string>();
    const replayed = await importRecords({
      db,
      adapter,
      source: { header: ['payload'], records: once(records) },
      onReject: (rejection) => {
        if (rejection.kind === 'rejected') refused.set(rejection.line, rejection.reason);
      },
    });
    for (const key of Object.keys(counts) as (keyof ImportCounts)[]) counts[key] += replayed[key];
    await markReplayed(db, letters.filter((letter) => !refused.has(letter.id)).map((letter) => letter.id));
    await updateHeldReasons(db, [...refused].map(([id, reason]) => ({ id, reason })));
    for (const [id, reason] of refused) stillHeld.push({ ...byId.get(id)!, reason });
  }
  return { counts, stillHeld };
}
