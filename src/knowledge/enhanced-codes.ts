import type { Reading, ReplyClass } from './types.js';

/** One registered enhanced status code (RFC 3463 and later), keyed by "subject.detail". */
export interface EnhancedEntry extends Reading {
  rfc: string;
  /** The registry says the code is only meant for this class of failure. */
  only?: Extract<ReplyClass, 'transient' | 'permanent'>;
}

const r3463 = 'RFC 3463';
const r7372 = 'RFC 7372';

/** Every code of the IANA registry, X.0.0 … X.7.30. */
export const enhancedCodes: Readonly<Record<string, EnhancedEntry>> = {
  '0.0': { title: 'Other or undefined status', meaning: 'Only the class of the outcome is known; the server gave no detail.', category: 'unknown', rfc: r3463 },

  '1.0': { title: 'Other address status', meaning: 'Something about the address caused this report.', category: 'invalid_recipient', rfc: r3463 },
  '1.1': { title: 'Bad destination mailbox', meaning: 'The mailbox (the part left of the @) does not exist.', category: 'invalid_recipient', rfc: r3463, only: 'permanent' },
  '1.2': { title: 'Bad destination domain', meaning: 'The recipient\'s domain (the part right of the @) does not exist or cannot take mail.', category: 'invalid_recipient', rfc: r3463, only: 'permanent' },
  '1.3': { title: 'Bad destination address syntax', meaning: 'The recipient address is not valid syntax.', category: 'invalid_recipient', action: 'fix_list_syntax', rfc: r3463, only: 'permanent' },
  '1.4': { title: 'Ambiguous destination address', meaning: 'The address matches more than one mailbox on the receiving system.', category: 'invalid_recipient', rfc: r3463 },
  '1.5': { title: 'Destination address valid', meaning: 'The address checked out as valid; used in positive reports.', category: 'delivered', rfc: r3463 },
  '1.6': { title: 'Mailbox moved, no forwarding address', meaning: 'The address used to work but no longer takes mail, and there is no forwarding address.', category: 'invalid_recipient', rfc: r3463, only: 'permanent' },
  '1.7': { title: 'Bad sender address syntax', meaning: 'The sender address is not valid syntax.', category: 'protocol', rfc: r3463 },
  '1.8': {
    title: 'Bad sender domain',
    meaning: 'The sender\'s domain does not exist or cannot take mail back (for bounces).',
    category: 'protocol',
    action: 'fix_dns_auth',
    rfc: r3463,
    next_steps: [
      'Check that the sending domain resolves and has MX records: `dig MX yourdomain.com +short`.',
      'Check the MAIL FROM (return-path) domain the sending tool uses, not just the visible From.',
    ],
  },
  '1.9': { title: 'Relayed to a non-compliant mailer', meaning: 'The address was valid, but the message went on to a system that cannot report further.', category: 'delivered', rfc: 'RFC 3886' },
  '1.10': { title: 'Recipient domain has null MX', meaning: 'The recipient\'s domain publishes that it takes no mail (null MX).', category: 'invalid_recipient', rfc: 'RFC 7505; RFC 7504' },

  '2.0': { title: 'Other mailbox status', meaning: 'The mailbox exists, but something about it caused this report.', category: 'invalid_recipient', rfc: r3463 },
  '2.1': { title: 'Mailbox disabled', meaning: 'The mailbox exists but does not take messages, for a while or for good.', category: 'invalid_recipient', rfc: r3463 },
  '2.2': { title: 'Mailbox full', meaning: 'The mailbox is over its storage quota; the owner could free space.', category: 'mailbox_full', rfc: r3463, only: 'transient' },
  '2.3': { title: 'Message longer than the mailbox allows', meaning: 'The message is bigger than this mailbox\'s own size limit.', category: 'message_too_big', rfc: r3463 },
  '2.4': { title: 'Mailing list expansion problem', meaning: 'The address is a mailing list that could not be expanded.', category: 'server_error', rfc: r3463 },

  '3.0': { title: 'Other mail system status', meaning: 'The receiving system normally takes mail, but something about it caused this report.', category: 'server_error', rfc: r3463 },
  '3.1': { title: 'Mail system full', meaning: 'The receiving system has run out of storage.', category: 'server_error', rfc: r3463, only: 'transient' },
  '3.2': { title: 'System not accepting messages', meaning: 'The receiving host is not taking messages now (shutdown, load or maintenance).', category: 'server_error', rfc: 'RFC 3463; RFC 7504' },
  '3.3': { title: 'Feature not supported', meaning: 'The receiving system does not support a feature the message asked for.', category: 'protocol', rfc: r3463 },
  '3.4': { title: 'Message too big for the system', meaning: 'The message is larger than the system\'s per-message size limit.', category: 'message_too_big', rfc: r3463 },
  '3.5': { title: 'System misconfigured', meaning: 'The receiving system is not set up in a way that lets it take this message.', category: 'server_error', rfc: r3463 },
  '3.6': { title: 'Priority changed', meaning: 'The message was accepted, but not at the priority asked for.', category: 'delivered', rfc: 'RFC 6710' },

  '4.0': { title: 'Other network or routing status', meaning: 'Something went wrong on the network or with routing, without more detail.', category: 'server_error', rfc: r3463 },
  '4.1': { title: 'No answer from host', meaning: 'The receiving host did not answer the connection.', category: 'server_error', rfc: r3463, only: 'transient' },
  '4.2': { title: 'Bad connection', meaning: 'The connection was made but broke off (time-out or poor quality) before the message went through.', category: 'server_error', rfc: r3463, only: 'transient' },
  '4.3': { title: 'Directory server failure', meaning: 'A directory or DNS server needed for routing was unreachable.', category: 'server_error', rfc: r3463, only: 'transient' },
  '4.4': { title: 'Unable to route', meaning: 'The next hop for the message could not be found, typically because the domain has no usable MX or address records.', category: 'server_error', rfc: r3463 },
  '4.5': { title: 'Mail system congestion', meaning: 'The mail system is congested and could not deliver now.', category: 'server_error', rfc: r3463, only: 'transient' },
  '4.6': { title: 'Routing loop', meaning: 'The message went round in a loop and was forwarded too many times.', category: 'server_error', rfc: r3463, only: 'transient' },
  '4.7': { title: 'Delivery time expired', meaning: 'The message sat in a queue too long and was given up on.', category: 'server_error', rfc: r3463 },

  '5.0': { title: 'Other protocol status', meaning: 'Something went wrong in the SMTP exchange, without more detail.', category: 'protocol', rfc: r3463 },
  '5.1': { title: 'Invalid command', meaning: 'A command was sent out of order or is not supported.', category: 'protocol', rfc: r3463 },
  '5.2': { title: 'Syntax error', meaning: 'A command could not be understood.', category: 'protocol', rfc: r3463 },
  '5.3': {
    title: 'Too many recipients',
    meaning: 'The message listed more recipients than can be delivered in one go.',
    category: 'protocol',
    rfc: r3463,
    next_steps: ['Send one recipient per message, or split the recipients into smaller batches.'],
  },
  '5.4': { title: 'Invalid command arguments', meaning: 'A valid command was given arguments that are out of range or not understood.', category: 'protocol', rfc: r3463 },
  '5.5': { title: 'Wrong protocol version', meaning: 'The two sides could not agree on a protocol version.', category: 'protocol', rfc: r3463 },
  '5.6': { title: 'Login line too long', meaning: 'A login (AUTH) response was longer than the server accepts.', category: 'protocol', rfc: 'RFC 4954' },

  '6.0': { title: 'Other content or media error', meaning: 'Something about the message content made it undeliverable.', category: 'protocol', rfc: r3463 },
  '6.1': { title: 'Media not supported', meaning: 'The message\'s media type is not supported along the delivery path.', category: 'protocol', rfc: r3463 },
  '6.2': { title: 'Conversion required but prohibited', meaning: 'The content had to be converted to be delivered, and conversion was not allowed.', category: 'protocol', rfc: r3463 },
  '6.3': { title: 'Conversion required but not supported', meaning: 'The content had to be converted, and no host on the path could do it.', category: 'protocol', rfc: r3463 },
  '6.4': { title: 'Conversion with loss', meaning: 'The message was delivered, but converting it lost some data.', category: 'delivered', rfc: r3463 },
  '6.5': { title: 'Conversion failed', meaning: 'A needed conversion of the content did not work.', category: 'protocol', rfc: r3463 },
  '6.6': { title: 'Message content not available', meaning: 'The content could not be fetched from the remote system holding it.', category: 'protocol', rfc: 'RFC 4468' },
  '6.7': { title: 'Non-ASCII address not allowed', meaning: 'An address with non-ASCII characters is not accepted for this sender or recipient.', category: 'protocol', action: 'fix_list_syntax', rfc: 'RFC 6531' },
  '6.8': { title: 'UTF-8 reply needed but not allowed', meaning: 'Showing the mailbox name needs a UTF-8 reply the client does not accept.', category: 'protocol', rfc: 'RFC 6531' },
  '6.9': { title: 'UTF-8 headers cannot be delivered', meaning: 'The message has UTF-8 headers that cannot reach one or more recipients.', category: 'protocol', rfc: 'RFC 6531' },
  '6.10': { title: 'Deprecated duplicate of X.6.8', meaning: 'Same meaning as X.6.8; no longer to be used.', category: 'protocol', rfc: 'RFC 6531' },

  '7.0': { title: 'Other security or policy status', meaning: 'A security or policy check stopped the message, without more detail.', category: 'policy', rfc: r3463 },
  '7.1': { title: 'Delivery not authorised', meaning: 'The sender is not allowed to send to this recipient; per-host or per-recipient filtering refused the message.', category: 'policy', rfc: r3463 },
  '7.2': { title: 'List expansion prohibited', meaning: 'The sender may not send to this mailing list.', category: 'policy', rfc: r3463 },
  '7.3': { title: 'Security conversion not possible', meaning: 'Converting between secure messaging formats was needed and could not be done.', category: 'protocol', rfc: r3463 },
  '7.4': { title: 'Security feature not supported', meaning: 'A security feature the message used, such as a login method, is not supported.', category: 'protocol', rfc: r3463 },
  '7.5': { title: 'Cryptographic failure', meaning: 'A system on the path could not check or decrypt the message; a key was missing or invalid.', category: 'protocol', rfc: r3463 },
  '7.6': { title: 'Cryptographic algorithm not supported', meaning: 'The message used an algorithm the checking system does not support.', category: 'protocol', rfc: r3463 },
  '7.7': { title: 'Message integrity failure', meaning: 'The message was altered or corrupted on the way, so it could not be validated.', category: 'protocol', rfc: r3463 },
  '7.8': { title: 'Login credentials invalid', meaning: 'The SMTP login failed: the credentials are wrong or not enough.', category: 'sender_credentials', rfc: 'RFC 4954' },
  '7.9': { title: 'Login mechanism too weak', meaning: 'The chosen login mechanism is weaker than the server allows for this account.', category: 'sender_credentials', rfc: 'RFC 4954' },
  '7.10': { title: 'Encryption needed', meaning: 'An outer encryption layer is required to use this login mechanism.', category: 'protocol', rfc: 'RFC 5248' },
  '7.11': { title: 'Encryption required to log in', meaning: 'This login mechanism may only be used over an encrypted connection.', category: 'protocol', rfc: 'RFC 4954' },
  '7.12': { title: 'Password transition needed', meaning: 'The account must log in once with a newer mechanism first.', category: 'sender_credentials', rfc: 'RFC 4954' },
  '7.13': { title: 'User account disabled', meaning: 'The sending account logged in but has been disabled by its administrator.', category: 'sender_credentials', rfc: 'RFC 5248' },
  '7.14': { title: 'Trust relationship required', meaning: 'The submission server needs a configured trust with a third party to get at the content.', category: 'sender_credentials', rfc: 'RFC 5248' },
  '7.15': { title: 'Priority too low', meaning: 'The requested priority is below what the server accepts right now.', category: 'policy', rfc: 'RFC 6710' },
  '7.16': { title: 'Message too big for its priority', meaning: 'The message is too large for the priority it asked for.', category: 'message_too_big', rfc: 'RFC 6710' },
  '7.17': { title: 'Mailbox owner changed', meaning: 'The mailbox now belongs to someone else than when the address was collected.', category: 'invalid_recipient', rfc: 'RFC 7293' },
  '7.18': { title: 'Domain owner changed', meaning: 'The recipient\'s domain has changed hands since the address was collected.', category: 'invalid_recipient', rfc: 'RFC 7293' },
  '7.19': { title: 'Recipient-valid-since check impossible', meaning: 'The receiver could not run the requested mailbox-age check.', category: 'policy', rfc: 'RFC 7293' },
  '7.20': { title: 'No passing DKIM signature', meaning: 'The message carried no DKIM signature that verified.', category: 'authentication', auth: 'dkim', rfc: `${r7372}; RFC 6376` },
  '7.21': { title: 'No acceptable DKIM signature', meaning: 'DKIM signatures verified, but none was acceptable to the receiver.', category: 'authentication', auth: 'dkim', rfc: `${r7372}; RFC 6376` },
  '7.22': { title: 'No author-matched DKIM signature', meaning: 'DKIM signatures verified, but none was for the From address\'s domain.', category: 'authentication', auth: 'dkim', rfc: `${r7372}; RFC 6376` },
  '7.23': { title: 'SPF failed', meaning: 'The SPF check gave a fail result and local policy rejects that.', category: 'authentication', auth: 'spf', rfc: `${r7372}; RFC 7208` },
  '7.24': { title: 'SPF error', meaning: 'Evaluating SPF hit an error, for example a broken or over-long record.', category: 'authentication', auth: 'spf', rfc: `${r7372}; RFC 7208` },
  '7.25': {
    title: 'Reverse DNS check failed',
    meaning: 'The sending IP address failed the reverse DNS (PTR) check: it has no PTR record, or the name does not point back to the IP.',
    category: 'authentication',
    auth: 'ptr',
    rfc: `${r7372}; RFC 7601`,
    cold_email: 'This is about the sending server\'s IP and its PTR record, not about SPF or DKIM. Whoever runs the IP has to fix it.',
  },
  '7.26': { title: 'Several authentication checks failed', meaning: 'More than one authentication check failed; the server does not say which.', category: 'authentication', auth: 'multiple', rfc: r7372 },
  '7.27': {
    title: 'Sender domain has null MX',
    meaning: 'The sender address\'s domain says it takes no mail (null MX), so the receiver refuses mail from it.',
    category: 'protocol',
    action: 'fix_dns_auth',
    rfc: 'RFC 7505',
    next_steps: ['Give the sending domain real MX records: `dig MX yourdomain.com +short` must not return a single "0 ." record.'],
  },
  '7.28': { title: 'Mail flood detected', meaning: 'The message looks like part of a flood of similar messages.', category: 'rate_limited', rfc: 'draft-levine-mailbomb-header' },
  '7.29': { title: 'ARC validation failed', meaning: 'The message failed the ARC (forwarding chain) check.', category: 'policy', rfc: 'RFC 8617' },
  '7.30': { title: 'REQUIRETLS needed', meaning: 'The message asked for REQUIRETLS and a server on the path does not support it.', category: 'protocol', rfc: 'RFC 8689' },
};
