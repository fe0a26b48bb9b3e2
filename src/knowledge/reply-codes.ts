import type { Reading } from './types.js';

/** A basic SMTP reply code: how it reads, and which RFC defines it. */
export interface ReplyEntry extends Reading {
  rfc: string;
  /**
   * The reply says more than an "other or undefined" enhanced code sent with it (X.Y.0), so it
   * decides the category then; e.g. 535 with 5.7.0 is still a login failure.
   */
  decisive?: boolean;
  /** A login reply (534, 535): whatever enhanced code comes with it, the sender's login failed. */
  overridesEnhanced?: boolean;
}

const rfc5321 = 'RFC 5321';
const rfc4954 = 'RFC 4954';
const rfc7504 = 'RFC 7504';

const positive = { category: 'delivered', rfc: rfc5321 } as const;
const conversation = {
  category: 'protocol',
  action: 'none',
  rfc: rfc5321,
  cold_email: 'A normal step in the SMTP conversation, not an error.',
  next_steps: ['Nothing to do: this reply is not a bounce.'],
} as const;

/** Every reply code of RFC 5321, plus 521/556 (RFC 7504) and the AUTH / STARTTLS replies. */
export const replyCodes: Readonly<Record<number, ReplyEntry>> = {
  211: { ...positive, title: 'System status', meaning: 'A status or help reply about the server itself.' },
  214: { ...positive, title: 'Help message', meaning: 'Help text meant for a person reading the session.' },
  220: { ...positive, title: 'Service ready', meaning: 'The server greets the client and is ready to talk.' },
  221: { ...positive, title: 'Closing connection', meaning: 'The server is ending the session normally.' },
  235: { ...positive, title: 'Login accepted', meaning: 'The client\'s SMTP login (AUTH) succeeded.', rfc: rfc4954 },
  250: { ...positive, title: 'Accepted', meaning: 'The server completed the requested action; for a message, it has taken it.' },
  251: { ...positive, title: 'Accepted for forwarding', meaning: 'The recipient is not local, but the server will forward the message.' },
  252: {
    ...positive,
    title: 'Accepted without address check',
    meaning: 'The server cannot confirm the address but will take the message and try to deliver it.',
  },
  334: { ...conversation, title: 'Login challenge', meaning: 'The server is waiting for the next step of the SMTP login.', rfc: rfc4954 },
  354: { ...conversation, title: 'Send the message', meaning: 'The server is ready for the message body.' },
  421: {
    title: 'Service not available',
    meaning: 'The server is closing the connection and will not take mail right now: it is overloaded, restarting, or throttling the sender.',
    category: 'rate_limited',
    rfc: rfc5321,
    decisive: true,
  },
  432: {
    title: 'Password change needed',
    meaning: 'The account has to log in once with a newer mechanism before this one will work.',
    category: 'sender_credentials',
    rfc: rfc4954,
    decisive: true,
  },
  450: {
    title: 'Mailbox unavailable for now',
    meaning: 'The server will not take the message at the moment: the mailbox is busy or held back by a temporary rule, often greylisting.',
    category: 'greylisted',
    rfc: rfc5321,
  },
  451: {
    title: 'Local error at the receiver',
    meaning: 'The receiving server hit an error of its own while handling the message and gave up for now.',
    category: 'server_error',
    rfc: rfc5321,
  },
  452: {
    title: 'Insufficient storage',
    meaning: 'The receiving server is short of storage, or the message has more recipients than it takes at once.',
    category: 'server_error',
    rfc: rfc5321,
  },
  454: {
    title: 'Temporary login or TLS failure',
    meaning: 'The server could not complete the SMTP login (or start TLS) because of a passing problem on its side.',
    category: 'sender_credentials',
    rfc: rfc4954,
    decisive: true,
  },
  455: {
    title: 'Parameters not accepted now',
    meaning: 'The server cannot handle the options given with MAIL FROM or RCPT TO at the moment.',
    category: 'protocol',
    rfc: rfc5321,
  },
  500: {
    title: 'Command not recognised',
    meaning: 'The server could not parse the command at all: malformed, unknown, or longer than the 512-character line limit.',
    category: 'protocol',
    rfc: rfc5321,
    decisive: true,
  },
  501: {
    title: 'Bad command arguments',
    meaning: 'The command was valid but its arguments were not, typically a malformed address in MAIL FROM or RCPT TO.',
    category: 'protocol',
    action: 'fix_list_syntax',
    rfc: rfc5321,
    decisive: true,
    cold_email:
      'Usually a malformed address in the list (missing @, spaces, an over-long local part, a broken merge tag) or a bad EHLO hostname from the sending tool.',
    next_steps: [
      'Validate the prospect list\'s address format before importing it into the sequencer.',
      'Test merge fields and personalisation with sample data so they cannot produce broken addresses.',
      'Check that the sending tool\'s EHLO hostname is a real, resolvable domain name.',
    ],
  },
  502: {
    title: 'Command not implemented',
    meaning: 'The server understood the command but does not support it, for example STARTTLS or a login mechanism it has switched off.',
    category: 'protocol',
    rfc: rfc5321,
    decisive: true,
  },
  503: {
    title: 'Commands out of order',
    meaning: 'The client skipped a step of the SMTP sequence (EHLO, login, MAIL FROM, RCPT TO, DATA) or carried on after a refusal.',
    category: 'protocol',
    rfc: rfc5321,
    decisive: true,
    next_steps: [
      'Make sure the sending tool logs in (AUTH) before MAIL FROM and that the credentials are filled in.',
      'After an interrupted or refused session, open a new connection instead of continuing the old one.',
      'Read the sequencer\'s SMTP log for the exact order of commands.',
    ],
  },
  504: {
    title: 'Command option not implemented',
    meaning: 'The server does not support the option or mechanism given with the command.',
    category: 'protocol',
    rfc: rfc5321,
    decisive: true,
  },
  521: {
    title: 'Host does not accept mail',
    meaning: 'The receiving host never takes mail (a no-mail host).',
    category: 'invalid_recipient',
    rfc: rfc7504,
    decisive: true,
  },
  530: {
    title: 'Login or TLS required',
    meaning: 'The server wants the client to log in, or to switch to TLS with STARTTLS, before it will go on.',
    category: 'sender_credentials',
    rfc: `${rfc4954}, RFC 3207`,
    decisive: true,
  },
  534: {
    title: 'Login mechanism too weak',
    meaning: 'The server refuses the chosen login mechanism for this account as not secure enough.',
    category: 'sender_credentials',
    rfc: rfc4954,
    decisive: true,
    overridesEnhanced: true,
  },
  535: {
    title: 'Login rejected',
    meaning: 'The server refused the username, password or login method.',
    category: 'sender_credentials',
    rfc: rfc4954,
    decisive: true,
    overridesEnhanced: true,
  },
  538: {
    title: 'Encryption required to log in',
    meaning: 'This login mechanism is only allowed over an encrypted connection.',
    category: 'protocol',
    rfc: rfc4954,
    decisive: true,
  },
  550: {
    title: 'Mailbox unavailable',
    meaning: 'The server will not act on the request for good: the mailbox does not exist, cannot be reached, or a policy rule refused it.',
    category: 'invalid_recipient',
    rfc: rfc5321,
    cold_email:
      'Most often the address does not exist (bad list data), but a plain 550 can also be a policy or reputation block; the x.y.z status code tells which.',
  },
  551: {
    title: 'User not local',
    meaning: 'The recipient is not on this server; the reply may point at another address.',
    category: 'invalid_recipient',
    rfc: rfc5321,
    cold_email: 'The person has probably moved company or provider. The address is stale.',
  },
  552: {
    title: 'Storage allocation exceeded',
    meaning: 'The request was aborted because the recipient\'s storage allowance is used up.',
    category: 'mailbox_full',
    rfc: rfc5321,
  },
  553: {
    title: 'Mailbox name not allowed',
    meaning: 'The address is not acceptable, most often because its syntax is wrong.',
    category: 'invalid_recipient',
    action: 'fix_list_syntax',
    rfc: rfc5321,
    next_steps: [
      'Check the address for typos, stray characters or encoding problems, then fix or remove it.',
      'Validate the list\'s address format before the next import.',
    ],
  },
  554: {
    title: 'Transaction failed',
    meaning: 'The server refused the message outright (at connection time it means no SMTP service is offered).',
    category: 'reputation',
    rfc: rfc5321,
    cold_email:
      'The receiver has decided your mail is unwanted: a blocklisted domain or IP, spam-like copy, a DMARC rejection, or too much volume from a young domain.',
    next_steps: [
      'If several different recipient servers return 554, pull the domain from rotation now and switch to a warmed reserve.',
      'Look up the sending IP and domain on the public blocklists and request delisting where listed.',
      'Check DMARC, SPF and DKIM alignment, and strip links, images and HTML from the copy.',
      'For a domain younger than 30 days, cut the volume and keep warming it up.',
    ],
  },
  555: {
    title: 'MAIL FROM / RCPT TO options not recognised',
    meaning: 'The server does not know or support the parameters added to MAIL FROM or RCPT TO.',
    category: 'protocol',
    rfc: rfc5321,
    decisive: true,
  },
  556: {
    title: 'Domain does not accept mail',
    meaning: 'The recipient\'s domain publishes that it receives no mail at all (null MX).',
    category: 'invalid_recipient',
    rfc: rfc7504,
    decisive: true,
  },
};
