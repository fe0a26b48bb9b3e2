import type { Queryable } from './store.js';

/** A webhook payload held because its adapter could not read it (see docs/data-model.md, webhook_dead_letters). */
export interface DeadLetter {
  id: number;
  sequencer: string;
  payload: unknown;
  reason: string;
  received_at: Date;
}

const holdSql = `INSERT INTO webhook_dead_letters (sequencer, payload, reason)
SELECT $1, p, r FROM unnest($2::jsonb[], $3::text[]) AS i(p, r)
ON CONFLICT (sequencer, md5(payload::text)) DO NOTHING`;

/** Postgres jsonb cannot hold a NUL character (`\u0000`): it is dropped, as the adapters drop it from stored text. */
const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value);

/** Holds the payloads with their reasons; one already held is held once. Returns how many were new. */
export async function holdPayloads(db: Queryable, sequencer: string, held: readonly { payload: unknown; reason: string }[]): Promise<number> {
  if (held.length === 0) return 0;
  const result = await db.query(holdSql, [sequencer, held.map((h) => JSON.stringify(h.payload, withoutNul) ?? 'null'), held.map((h) => h.reason)]);
  return result.rowCount ?? 0;
}

/** The payloads still held, oldest first. */
export async function heldPayloads(db: Queryable): Promise<DeadLetter[]> {
  const { rows } = await db.query<Omit<DeadLetter, 'id'> & { id: string }>(
    'SELECT id, sequencer, payload, reason, received_at FROM webhook_dead_letters WHERE replayed_at IS NULL ORDER BY id',
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Marks payloads a replay stored (or found stored): no longer held. */
export async function markReplayed(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('UPDATE webhook_dead_letters SET replayed_at = now() WHERE id = ANY ($1::bigint[]) AND replayed_at IS NULL', [ids]);
}

/** Records why the current adapters still cannot read a held payload. */
export async function updateHeldReasons(db: Queryable, reasons: readonly { id: number; reason: string }[]): Promise<void> {
  if (reasons.length === 0) return;
  await db.query(
    `UPDATE webhook_dead_letters d SET reason = i.reason
       FROM unnest($1::bigint[], $2::text[]) AS i(id, reason) WHERE d.id = i.id`,
    [reasons.map((r) => r.id), reasons.map((r) => r.reason)],
  );
}
