import type { SmtpStage } from './phrases.js';
import type { Action, Category, ReplyClass } from './types.js';

/** Words people see for the contract's enum values (Slack cards, CLI text). */
export const categoryLabels: Record<Category, string> = {
  delivered: 'Delivered',
  invalid_recipient: 'Invalid recipient',
  mailbox_full: 'Mailbox full',
  rate_limited: 'Rate limited',
  greylisted: 'Greylisted',
  authentication: 'Authentication (SPF / DKIM / DMARC / PTR)',
  reputation: 'Reputation / blocklist',
  spam_content: 'Spam content',
  policy: 'Receiver policy',
  sender_credentials: 'Sender login',
  protocol: 'SMTP protocol or settings',
  relay_denied: 'Relay denied',
  message_too_big: 'Message too big',
  server_error: 'Server or network error',
  unknown: 'Unknown',
};

export const actionLabels: Record<Action, string> = {
  none: 'Nothing to do',
  retry: 'Let the sequencer retry',
  slow_down: 'Slow down',
  remove_address: 'Remove the address',
  fix_list_syntax: 'Fix the address format in the list',
  fix_dns_auth: 'Fix DNS authentication',
  check_reputation: 'Check blocklists and reputation',
  rewrite_copy: 'Rewrite the copy',
  fix_credentials: 'Fix the inbox login',
  fix_smtp_settings: 'Fix the SMTP settings',
  investigate: 'Investigate',
};

/** The SMTP stage as people name it. */
export const stageLabels: Record<SmtpStage, string> = {
  connect: 'connection',
  helo: 'HELO / EHLO',
  mail_from: 'MAIL FROM',
  rcpt_to: 'RCPT TO',
  data: 'DATA',
  end_of_data: 'end of data',
  tls: 'STARTTLS',
};

/** The retry verdict as one line, by reply class. */
export const retryLabels: Record<ReplyClass, string> = {
  success: 'Delivered: nothing to retry',
  transient: 'Temporary: the sequencer may retry',
  permanent: 'Permanent: do not retry',
  unknown: 'Unclear: do not retry until you know more',
};
