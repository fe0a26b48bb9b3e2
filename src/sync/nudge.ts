/**
 * Wakes this process's sync workers when a decision here has just written outbox rows, so a click
 * is carried at once instead of at the next poll. Workers of other replicas find the rows by polling.
 */
const awake = new Set<() => void>();

export function nudgeSyncWorkers(): void {
  awake.forEach((wake) => wake());
}

/** Calls `wake` on every nudge until the returned function is called. */
export function onSyncNudge(wake: () => void): () => void {
  awake.add(wake);
  return () => awake.delete(wake);
}
