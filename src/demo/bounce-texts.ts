/**
 * Receiver replies the demo fleet gets, per kind of event and receiving mail system. Worded after
 * what Gmail, Exchange Online, Yahoo, Mimecast, Proofpoint and Postfix send (test/fixtures/reference
 * holds the real ones); placeholders are filled per event:
 * {rcpt} recipient, {rdomain} its domain, {sender} sending domain, {ip} sending IP,
 * {gsmtp} Gmail's per-message trailer, {exo} an Exchange Online front-end host.
 */

export const recipientSystems = ['google', 'microsoft', 'yahoo', 'mimecast', 'proofpoint', 'postfix'] as const;
export type RecipientSystem = (typeof recipientSystems)[number];

export const eventKinds = [
  'invalid',
  'disabled',
  'mailbox_full',
  'over_quota',
  'greylisted',
  'throttled',
  'dead_domain',
  'relay_554',
  'reputation',
  'auth_spf',
  'auth_dmarc',
  'auth_multiple',
] as const;
export type EventKind = (typeof eventKinds)[number];

export interface BounceText {
  system: RecipientSystem;
  text: string;
}

const gmailInvalid =
  "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser {gsmtp}";

export const bounceTexts: Readonly<Record<EventKind, readonly BounceText[]>> = {
  invalid: [
    { system: 'google', text: gmailInvalid },
    { system: 'google', text: gmailInvalid },
    { system: 'microsoft', text: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup' },
    { system: 'microsoft', text: '550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [{exo}]' },
    { system: 'yahoo', text: "554 delivery error: dd This user doesn't have a {rdomain} account ({rcpt}) [0] - mta4023.mail.gq1.yahoo.com" },
    { system: 'mimecast', text: '550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [Xs9kq2mRN7ypXb1cTzq4Vg.us128]' },
    { system: 'proofpoint', text: '550 5.1.1 User Unknown' },
    { system: 'postfix', text: '550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table' },
  ],
  disabled: [
    { system: 'google', text: '550-5.2.1 The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser {gsmtp}' },
    { system: 'postfix', text: '550 5.2.1 <{rcpt}>: Mailbox disabled, not accepting messages' },
  ],
  mailbox_full: [
    { system: 'google', text: "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm {gsmtp}" },
    { system: 'microsoft', text: '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded' },
    { system: 'postfix', text: '552 5.2.2 <{rcpt}>: user is over quota' },
  ],
  over_quota: [
    { system: 'google', text: "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp {gsmtp}" },
  ],
  greylisted: [
    { system: 'postfix', text: '450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{rdomain}.html' },
    { system: 'postfix', text: '451 4.7.1 Greylisting in action, please come back later' },
    { system: 'mimecast', text: '451 Internal resources are temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451' },
  ],
  throttled: [
    { system: 'google', text: '421-4.7.28 Gmail has detected an unusual rate of mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError {gsmtp}' },
    { system: 'microsoft', text: '451 4.7.652 The mail server [{ip}] has exceeded the maximum number of connections. (S3115) [{exo}]' },
    { system: 'yahoo', text: '421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes' },
    { system: 'postfix', text: '421 4.7.0 mx1.{rdomain} Error: too many connections from {ip}' },
  ],
  dead_domain: [
    { system: 'postfix', text: '5.4.4 Host or domain name not found. Name service error for name={rdomain} type=MX: Host not found' },
    { system: 'postfix', text: '5.4.4 Host or domain name not found. Name service error for name={rdomain} type=AAAA: Host not found' },
  ],
  relay_554: [
    { system: 'postfix', text: '554 5.7.1 <{rcpt}>: Relay access denied' },
  ],
  reputation: [
    { system: 'microsoft', text: "550 5.7.1 Unfortunately, messages from [{ip}] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [{exo}]" },
    { system: 'google', text: '550-5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedMessageError {gsmtp}' },
    { system: 'proofpoint', text: '554 Blocked - see https://ipcheck.proofpoint.com/?ip={ip}' },
    { system: 'postfix', text: '554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/{ip}' },
  ],
  auth_spf: [
    { system: 'microsoft', text: '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> {sender} does not designate {ip} as a permitted sender [{exo}]' },
    { system: 'google', text: "550-5.7.27 Your email has been blocked because the sender's domain {sender} does not pass SPF. For more information, go to https://support.google.com/mail/answer/81126 {gsmtp}" },
  ],
  auth_dmarc: [
    { system: 'google', text: "550-5.7.26 Unauthenticated email from {sender} is not accepted due to domain's DMARC policy. Please contact the administrator of {sender} domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection {gsmtp}" },
    { system: 'microsoft', text: '550 5.7.509 Access denied, sending domain {sender} does not pass DMARC verification and has a DMARC policy of reject. [{exo}]' },
  ],
  auth_multiple: [
    { system: 'google', text: '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. For instructions on setting up authentication, go to https://support.google.com/mail/answer/81126#authentication {gsmtp}' },
  ],
};

/** Reply code a text starts with (null for a bare enhanced code, as Postfix reports its own failures). */
export function leadingReplyCode(text: string): number | null {
  const match = /^([245]\d\d)[ -]/.exec(text);
  return match ? Number(match[1]) : null;
}
