import type { PausedInbox, SequencerTool } from '../store/outbox.js';

/** An inbox as a tool lists it. */
export interface ToolInbox {
  email: string;
  /** The tool's own id where its calls need one (Smartlead), else null. */
  id: string | null;
  paused: boolean;
}

export interface InboxFailure {
  email: string;
  error: string;
}

/** Called as soon as the tool confirms inboxes (one call may confirm many), so progress survives a later failure in the same row. */
export type OnConfirmed = (emails: readonly string[]) => Promise<void>;

/** What smtp-desk needs of a sending tool: the domain's inboxes, and pausing and resuming them. */
export interface SequencerConnector {
  tool: SequencerTool;
  name: string;
  /** Every inbox on exactly `domain` (not on a look-alike or a subdomain). */
  listInboxes(domain: string, signal: AbortSignal): Promise<ToolInbox[]>;
  pause(inboxes: readonly ToolInbox[], signal: AbortSignal, onPaused: OnConfirmed): Promise<InboxFailure[]>;
  resume(inboxes: readonly PausedInbox[], signal: AbortSignal, onResumed: OnConfirmed): Promise<InboxFailure[]>;
}

/** Whether `email` is an address on exactly `domain`. */
export function isOnDomain(email: string, domain: string): boolean {
  const at = email.lastIndexOf('@');
  return at > 0 && email.slice(at + 1).toLowerCase() === domain;
}
