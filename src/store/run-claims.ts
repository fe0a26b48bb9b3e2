import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Queryable } from './store.js';

/**
 * A table of scheduled runs claimed exactly once across processes: one row per run key, a `status`
 * of 'claimed' (its `claimed_by` is at it; `claimed_at` is the heartbeat), 'failed' (the next tick
 * tries again) or the table's own finished status, and `attempts`, `error`. digest_runs and
 * dns_audit_runs are two of them.
 */
export interface RunTable {
  table: string;
  /** The key columns with their SQL types, in the order the key values are given. */
  keys: readonly (readonly [column: string, type: string])[];
  /** The columns a claim returns. */
  columns: string;
  /** What the run is, in an error message ("the digest for 2026-11-27 in C0123"). */
  describe: (key: readonly unknown[]) => string;
}

/** Who holds a claim: the host, the process and a random part (two schedulers in one process differ). */
export function instanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

export type Claim<Run> = { claimed: true; run: Run } | { claimed: false; run: Run };

/** Thrown when this process no longer holds the claim (it was taken over as stale): it must stop. */
export class LostClaimError extends Error {}

const keyList = (spec: RunTable) => spec.keys.map(([column]) => column).join(', ');
const keyMatch = (spec: RunTable) => spec.keys.map(([column, type], i) => `${column} = $${i + 1}::${type}`).join(' AND ');

/**
 * Claims a run in one statement: a new run, a failed one, or a claim whose heartbeat is older than
 * `staleSeconds` (its process died). Anything else (finished, or claimed by a live process) is left
 * alone and returned unclaimed.
 */
export async function claimRun<Run>(db: Queryable, spec: RunTable, key: readonly unknown[], instance: string, staleSeconds: number): Promise<Claim<Run>> {
  const n = spec.keys.length;
  const values = spec.keys.map(([, type], i) => `$${i + 1}::${type}`).join(', ');
  const { rows } = await db.query<Run & object>(
    `INSERT INTO ${spec.table} AS r (${keyList(spec)}, status, claimed_by) VALUES (${values}, 'claimed', $${n + 1})
     ON CONFLICT (${keyList(spec)}) DO UPDATE SET status = 'claimed', claimed_by = excluded.claimed_by,
       claimed_at = now(), attempts = r.attempts + 1, error = NULL
      WHERE r.status = 'failed' OR (r.status = 'claimed' AND r.claimed_at < now() - make_interval(secs => $${n + 2}))
     RETURNING ${spec.columns}`,
    [...key, instance, staleSeconds],
  );
  if (rows[0]) return { claimed: true, run: rows[0] };
  const current = await db.query<Run & object>(`SELECT ${spec.columns} FROM ${spec.table} WHERE ${keyMatch(spec)}`, [...key]);
  if (!current.rows[0]) throw new Error(`${spec.describe(key)} vanished while being claimed`);
  return { claimed: false, run: current.rows[0] };
}

/** Sets `set` (placeholders from $n+2 on, for `values`) on a run this process holds, renewing the heartbeat. */
export async function updateClaimedRun(db: Queryable, spec: RunTable, key: readonly unknown[], instance: string, set: string, values: readonly unknown[]): Promise<void> {
  const n = spec.keys.length;
  const result = await db.query(
    `UPDATE ${spec.table} SET ${set}, claimed_at = now() WHERE ${keyMatch(spec)} AND claimed_by = $${n + 1} AND status = 'claimed'`,
    [...key, instance, ...values],
  );
  if (result.rowCount !== 1) throw new LostClaimError(`${spec.describe(key)} is no longer claimed by this process`);
}

/** Gives the claim back as failed, so the next tick (here or on another replica) tries again. */
export async function markRunFailed(db: Queryable, spec: RunTable, key: readonly unknown[], instance: string, error: string): Promise<void> {
  const n = spec.keys.length;
  await db.query(`UPDATE ${spec.table} SET status = 'failed', error = $${n + 2} WHERE ${keyMatch(spec)} AND claimed_by = $${n + 1} AND status = 'claimed'`, [
    ...key,
    instance,
    error.slice(0, 2000),
  ]);
}
