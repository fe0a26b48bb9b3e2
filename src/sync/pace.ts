/**
 * Spaces the calls of one process to one tool: at most one call every `intervalMs`, in the order
 * they asked, and none while the tool asked smtp-desk to wait (hold).
 */
export class Pace {
  private next = 0;

  constructor(readonly intervalMs: number) {}

  static perSecond(calls: number): Pace {
    return new Pace(1000 / calls);
  }

  /** Resolves when it is this caller's turn; rejects when `signal` aborts meanwhile. */
  async turn(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await sleep(at - now, signal);
  }

  /** No call before `ms` from now (a 429's Retry-After). */
  hold(ms: number): void {
    this.next = Math.max(this.next, Date.now() + ms);
  }
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
