import { count } from '../health/format.js';
import type { OutboxRow, SyncTool } from '../store/outbox.js';

export const toolNames: Record<SyncTool, string> = { instantly: 'Instantly', smartlead: 'Smartlead', webhook: 'Decision webhook' };

const inboxes = (n: number) => count(n, 'inbox', 'inboxes');
const leftAloneWords = (n: number) => (n === 0 ? '' : `; left ${count(n, 'inbox', 'inboxes')} someone else had paused as ${n === 1 ? 'it was' : 'they were'}`);

/** What a settled row did, in one line: the thread reply, the card's and the CLI's sync line. */
export function syncSentence(row: Pick<OutboxRow, 'tool' | 'action' | 'state' | 'domain' | 'inboxes' | 'error' | 'attempts'>, leftAlone = 0): string {
  const name = toolNames[row.tool];
  const n = row.inboxes.length;
  if (row.state === 'pending') return `${name}: ${row.action} pending${row.error ? ` (attempt ${row.attempts}: ${row.error})` : ''}`;
  if (row.state === 'failed') {
    const did = n === 0 ? '' : ` (${row.action === 'pause' ? 'paused' : 'resumed'} ${inboxes(n)} of ${row.domain})`;
    return `${name}: ${row.error ?? 'failed'}${did}`;
  }
  if (row.tool === 'webhook') return `Sent the decision on ${row.domain} to the decision webhook`;
  if (row.action === 'pause') {
    return n === 0 ? `${name} has no active inbox of ${row.domain} to pause${leftAloneWords(leftAlone)}` : `Paused ${inboxes(n)} of ${row.domain} in ${name}${leftAloneWords(leftAlone)}`;
  }
  return n === 0 ? `${name}: nothing to resume on ${row.domain} (smtp-desk had paused no inbox there)` : `Resumed ${inboxes(n)} of ${row.domain} in ${name}`;
}
