import type { ContextBlock, KnownBlock } from '@slack/types';
import { withDecisionLine } from './blocks/domain-decision.js';

/**
 * The decision lines this process has put on each channel message. A click carries the message as
 * the clicker saw it, so two decisions on one digest taken moments apart would each send back the
 * other's buttons; instead every update of a message re-applies all its recorded lines, and the
 * updates of one message go out one at a time, in order.
 */
export class MessageLines {
  private readonly lines = new Map<string, Map<string, ContextBlock>>();
  private readonly queues = new Map<string, Promise<void>>();

  /** `max`: messages remembered (the oldest is forgotten first). */
  constructor(private readonly max = 500) {}

  /** Sends `blocks` with `line` and every line recorded earlier for the message, after the message's previous update. */
  update(message: { channel: string; ts: string }, domain: string, line: ContextBlock, blocks: readonly KnownBlock[], send: (blocks: KnownBlock[]) => Promise<unknown>): Promise<unknown> {
    const key = `${message.channel}:${message.ts}`;
    const recorded = this.lines.get(key) ?? new Map<string, ContextBlock>();
    recorded.set(domain, line);
    this.lines.delete(key);
    this.lines.set(key, recorded);
    if (this.lines.size > this.max) this.lines.delete(this.lines.keys().next().value!);

    const merged = () => [...recorded].reduce((current, [name, recordedLine]) => withDecisionLine(current, name, recordedLine), [...blocks]);
    const sendMerged = () => send(merged());
    const next = (this.queues.get(key) ?? Promise.resolve()).then(sendMerged, sendMerged);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
