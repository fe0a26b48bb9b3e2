import type { ProviderId } from './providers.js';
import type { Category, Reading, ReplyClass } from './types.js';

/**
 * What a provider means by one of its replies, where that differs from the registry or needs the
 * provider's own words. `codes` lists reply codes ("550"), enhanced codes ("5.7.26") or enhanced
 * ranges ("5.7.606-649"); any one must match. `text` must match the lower-cased reply (plain
 * alternations of literals, so matching stays linear). A reading needs at least one of them.
 */
export interface ProviderReading {
  provider: ProviderId;
  codes?: readonly string[];
  text?: RegExp;
  /** The class to assume when the text carries no code at all (e.g. a bare "S3150"). */
  klass?: Extract<ReplyClass, 'transient' | 'permanent'>;
  reading: Reading;
}

/**
 * Orange and La Poste end their replies with a tag such as OFR_417 or LPN007_426 whose three-digit
 * suffix carries the meaning, whatever the reply and enhanced codes say.
 */
function orangeSuffixReadings(provider: 'orange' | 'laposte'): ProviderReading[] {
  const tag = provider === 'orange' ? '(?:ofr|ouk)[a-z]{0,3}\\d{0,3}_' : 'lpn[a-z]{0,3}\\d{0,3}_';
  return orangeSuffixes.map(([suffixes, category, title]) => ({
    provider,
    text: new RegExp(`\\b${tag}(?:${suffixes})\\b`),
    reading: { title, meaning: `${providerLabel[provider]} tags the reply with a code whose suffix means: ${title.toLowerCase()}.`, category },
  }));
}

const providerLabel = { orange: 'Orange', laposte: 'La Poste' } as const;

const orangeSuffixes: readonly (readonly [string, Category, string])[] = [
  ['417', 'mailbox_full', 'Recipient mailbox full'],
  ['416', 'invalid_recipient', 'Recipient address invalid'],
  ['420|426', 'invalid_recipient', 'Recipient account archived or blocked'],
  ['104', 'rate_limited', 'Too many connections'],
  ['105|107|108|109|201|423|424', 'rate_limited', 'Try again later'],
  ['102|103|510|999|630', 'reputation', 'Sending IP refused'],
  ['305|402|401|517', 'authentication', 'Sender authentication failed'],
  ['405|415', 'policy', 'Sender address refused'],
  ['506', 'spam_content', 'Refused as spam'],
  ['514', 'message_too_big', 'Message too big'],
  ['505', 'server_error', 'System error'],
];

const pauseAndCheckAuth = 'Pause cold sends from the domain until the fix is confirmed on a seed inbox.';

/** Provider readings, in match order per provider (first match wins). */
export const providerReadings: readonly ProviderReading[] = [
  // Gmail / Google Workspace
  {
    provider: 'gmail',
    codes: ['4.7.26', '5.7.26'],
    text: /dmarc/,
    reading: {
      title: 'Rejected by the From domain\'s DMARC policy',
      meaning: 'Gmail applied your domain\'s DMARC policy: neither SPF nor DKIM passed for a domain aligned with the From address.',
      category: 'authentication',
      auth: 'dmarc',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.26', '5.7.26'],
    text: /hard fail|spf checks/,
    reading: {
      title: 'SPF hard fail',
      meaning: 'Gmail found that the sending IP fails SPF and the SPF record ends in -all (hard fail), so it blocked the message.',
      category: 'authentication',
      auth: 'spf',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.26', '5.7.26'],
    reading: {
      title: 'Unauthenticated sender',
      meaning: 'Gmail means the sender is unauthenticated: neither SPF nor DKIM passed. Gmail wants every sender to pass at least one, and bulk senders both plus DMARC.',
      category: 'authentication',
      auth: 'multiple',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.1'],
    text: /authentication information|fails to pass authentication/,
    reading: {
      title: 'Unauthenticated sender',
      meaning: 'Gmail found no passing authentication on the message: neither SPF nor DKIM passed.',
      category: 'authentication',
      auth: 'multiple',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.0'],
    text: /unauthenticated commands/,
    reading: {
      title: 'Too many commands before login',
      meaning: 'Google closed the session because the client sent too many commands without logging in first.',
      category: 'protocol',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.27', '5.7.27'],
    reading: {
      title: 'SPF did not pass',
      meaning: 'Gmail uses this code for mail whose SPF check did not pass; it has nothing to do with a null MX here.',
      category: 'authentication',
      auth: 'spf',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.30', '5.7.30'],
    reading: {
      title: 'DKIM did not pass',
      meaning: 'Gmail uses this code for mail without a passing DKIM signature; it is not about REQUIRETLS here.',
      category: 'authentication',
      auth: 'dkim',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.29', '5.7.29'],
    reading: {
      title: 'Not sent over TLS',
      meaning: 'Gmail uses this code when the message did not arrive over an encrypted (TLS) connection; bulk senders must use TLS. It is not about ARC here.',
      category: 'protocol',
      next_steps: [
        'Turn on TLS in the sending tool or relay (STARTTLS on port 587, or SSL on 465).',
        'If you run your own mail server, make sure it offers and uses STARTTLS for outgoing mail.',
      ],
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.32', '5.7.32'],
    reading: {
      title: 'From domain not aligned',
      meaning: 'Gmail uses this (unregistered) code when the From address is not aligned: its domain matches neither the domain that passed SPF nor the one that signed with DKIM.',
      category: 'authentication',
      auth: 'dmarc',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.28'],
    text: /message-id/,
    reading: {
      title: 'Too many copies of one Message-ID',
      meaning: 'Gmail saw too many messages carrying the same Message-ID header and held this one back.',
      category: 'rate_limited',
      next_steps: ['Make sure the sending tool gives every message its own Message-ID.', 'Let the sequencer retry later.'],
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.28'],
    reading: {
      title: 'Unusual rate of unsolicited mail',
      meaning: 'Gmail saw an unusual rate of (unsolicited) mail from your IP, netblock, DKIM or SPF domain, or with one of your link domains, and is holding it back. It is a reputation judgement: slowing down alone does not lift it.',
      category: 'reputation',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.40', '5.7.40'],
    reading: {
      title: 'No usable DMARC record',
      meaning: 'Gmail uses this (unregistered) code for bulk mail from a domain that publishes no DMARC record, or one without a usable policy.',
      category: 'authentication',
      auth: 'dmarc',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.28'],
    reading: {
      title: 'Blocked for unsolicited volume',
      meaning: 'Gmail saw an unusual rate of unsolicited mail from your IP and blocked it.',
      category: 'reputation',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0', '4.7.1', '4.7.23', '5.7.1'],
    text: /\bptr\b|pointer|reverse dns/,
    reading: {
      title: 'No valid reverse DNS',
      meaning: 'Gmail found no PTR record for the sending IP, or the PTR name does not resolve back to that IP.',
      category: 'authentication',
      auth: 'ptr',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.2.1', '5.2.1'],
    text: /too quickly|at a rate/,
    reading: {
      title: 'Recipient receiving mail too fast',
      meaning: 'Gmail is limiting how fast this one recipient receives mail; the address itself is fine.',
      category: 'rate_limited',
      next_steps: [
        'Let the sequencer retry later; do not remove the address.',
        'Avoid sending several messages to the same recipient in a short time.',
      ],
    },
  },
  {
    provider: 'gmail',
    codes: ['4.2.1', '5.4.5', '5.7.1'],
    text: /relay limit|sending quota|quota exceeded/,
    reading: {
      title: 'Your sending limit reached',
      meaning: 'Your Google Workspace account (or its SMTP relay) hit its sending limit; this is your quota, not the recipient\'s.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0', '5.7.1'],
    text: /low reputation|unsolicited mail originating/,
    reading: {
      title: 'Low sender reputation',
      meaning: 'Gmail rates the sending IP or domain poorly (or sees an unusual rate of unsolicited mail from it) and is throttling or blocking it.',
      category: 'reputation',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0', '5.7.1'],
    text: /content or the links|likely unsolicited mail/,
    reading: {
      title: 'Content looks like spam',
      meaning: 'Gmail\'s filter judged this message\'s content or links as unsolicited mail.',
      category: 'spam_content',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0'],
    text: /tls required/,
    reading: {
      title: 'Recipient domain requires TLS',
      meaning: 'The recipient\'s Google Workspace domain only takes mail over TLS, and this connection was not encrypted.',
      category: 'protocol',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0'],
    text: /whitelist|allowlist/,
    reading: {
      title: 'IP not on the recipient\'s allowlist',
      meaning: 'The recipient\'s Google Workspace domain only takes mail from IP addresses it has approved.',
      category: 'policy',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0'],
    text: /too many login attempts/,
    reading: {
      title: 'Too many login attempts',
      meaning: 'Google paused logins for the account after too many attempts; usually a wrong password being retried.',
      category: 'sender_credentials',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.7.0'],
    text: /temporary system problem|try again later, closing|connection expired/,
    reading: {
      title: 'Temporary problem at Google',
      meaning: 'Google dropped or refused the session because of a passing problem on its side.',
      category: 'server_error',
    },
  },
  {
    provider: 'gmail',
    codes: ['4.3.0'],
    text: /multiple destination domains/,
    reading: {
      title: 'One recipient domain per transaction',
      meaning: 'Google takes recipients of only one domain per SMTP transaction.',
      category: 'protocol',
      next_steps: ['Send to one recipient domain per transaction (one recipient per message is simplest).'],
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.1'],
    text: /not authorized to send email directly|smtp relay at your service provider/,
    reading: {
      title: 'IP may not send to Gmail directly',
      meaning: 'Gmail does not take mail sent straight from this IP (typically a residential or dynamic range); it has to go through a proper relay.',
      category: 'policy',
      action: 'fix_smtp_settings',
      next_steps: ['Send through your mail provider\'s SMTP relay instead of straight from this IP.'],
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.1'],
    text: /policy that prohibited|violates [^\n]{0,80}policy|\bgcdp\b/,
    reading: {
      title: 'Blocked by the recipient\'s admin rule',
      meaning: 'A rule the recipient\'s Google Workspace administrator set up refused the message.',
      category: 'policy',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.0'],
    text: /attachment|security issue/,
    reading: {
      title: 'Blocked attachment or risky content',
      meaning: 'Gmail blocked the message for an attachment type or content it treats as a security risk.',
      category: 'spam_content',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.4.6', '5.6.0'],
    text: /hops|mail loop/,
    reading: {
      title: 'Mail loop',
      meaning: 'The message passed through too many servers, which points at a forwarding loop.',
      category: 'server_error',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.1', '5.6.0'],
    text: /from: header|message-id|duplicate headers|unicode character|encoded-word|malformed|rfc 5322/,
    reading: {
      title: 'Message headers break the rules',
      meaning: 'Gmail refused the message because its headers do not follow the message format standard (RFC 5322): a missing or doubled From, a missing Message-ID, duplicate headers, or bad encoding.',
      category: 'protocol',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.0', '5.7.1'],
    text: /relay denied|credentials for relay/,
    reading: {
      title: 'Workspace relay does not know you',
      meaning: 'Google Workspace\'s SMTP relay does not recognise the sending IP or domain as belonging to the account.',
      category: 'relay_denied',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.0'],
    text: /mail sending denied/,
    reading: {
      title: 'Sending account disabled',
      meaning: 'The sending account is disabled or not registered in the Google Workspace domain.',
      category: 'sender_credentials',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.5.1', '5.7.1', '5.7.8', '5.7.14'],
    text: /password|log in|authentication required/,
    reading: {
      title: 'Google refused the login',
      meaning: 'Google did not accept the SMTP login: it wants an App Password, a browser sign-in first, or the right credentials.',
      category: 'sender_credentials',
    },
  },
  {
    provider: 'gmail',
    codes: ['5.7.4'],
    reading: {
      title: 'Login mechanism not supported',
      meaning: 'Google does not support the login mechanism the tool tried.',
      category: 'sender_credentials',
      action: 'fix_smtp_settings',
    },
  },

  // Microsoft 365 / Exchange Online / Outlook.com
  {
    provider: 'microsoft',
    text: /submission ?quota/,
    reading: {
      title: 'Your sending limit reached',
      meaning: 'Exchange Online says YOUR account went over its sending limit (recipients or messages per day). The recipient\'s mailbox is not full.',
      category: 'rate_limited',
      cold_email: 'The inbox sent more than Microsoft allows per day; keep the recipient and send less from this inbox.',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.1.90', '5.2.121', '5.2.122', '5.7.508'],
    reading: {
      title: 'Sending or receiving limit reached',
      meaning: 'Exchange Online hit a rate limit: your daily recipient limit, a per-hour limit between you and this recipient, or your IPv6 range\'s limit.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'microsoft',
    codes: ['4.3.2'],
    text: /thread limit/,
    reading: {
      title: 'Recipient mailbox throttled',
      meaning: 'The recipient\'s mailbox is taking in too many messages too fast; Exchange Online holds new ones back for a while.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.1.10', '5.5.0', '5.7.504', '5.7.505'],
    reading: {
      title: 'Recipient not found',
      meaning: 'Microsoft could not find this recipient\'s address (or marks it as not valid).',
      category: 'invalid_recipient',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.1.0'],
    text: /sender denied/,
    reading: {
      title: 'Recipient address not resolved',
      meaning: 'Despite the words "sender denied", Exchange Online uses 5.1.0 here when the recipient address is malformed or cannot be resolved.',
      category: 'invalid_recipient',
    },
  },
  {
    provider: 'microsoft',
    text: /recipient address rejected: access denied/,
    reading: {
      title: 'Recipient does not exist (edge blocking)',
      meaning: 'Exchange Online\'s directory-based edge blocking rejected the address: it does not exist in the recipient\'s organisation.',
      category: 'invalid_recipient',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.1.8', '5.7.501', '5.7.502', '5.7.503'],
    reading: {
      title: 'Your account is banned from sending',
      meaning: 'Microsoft blocked the sending account for sending spam; often a sign that it was compromised.',
      category: 'sender_credentials',
      next_steps: [
        'Reset the account\'s password and check it for compromise (forwarding rules, unknown app passwords).',
        'Ask the tenant admin to release the account from the restricted-entities list.',
        'Cut the account\'s daily volume before it sends again.',
      ],
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.506', '5.7.510', '5.7.512', '4.4.317', '5.4.317'],
    reading: {
      title: 'Sending setup refused',
      meaning: 'Exchange Online refused how the mail was sent: a HELO name that is not your own, IPv6 to a domain that does not take it, a From header without a valid address, or no STARTTLS where it is required.',
      category: 'protocol',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.507', '5.7.513'],
    reading: {
      title: 'Blocked by the recipient\'s organisation',
      meaning: 'The recipient\'s organisation put your sending IP on its own block list.',
      category: 'policy',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.509'],
    reading: {
      title: 'DMARC reject',
      meaning: 'The From domain fails DMARC and publishes p=reject, so Microsoft rejected the message.',
      category: 'authentication',
      auth: 'dmarc',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.515'],
    reading: {
      title: 'Authentication level too low',
      meaning: 'Outlook.com requires high-volume senders to pass SPF and DKIM and to publish an aligned DMARC record (at least p=none); this domain does not.',
      category: 'authentication',
      auth: 'multiple',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.511', '5.7.606-649', '5.7.800'],
    reading: {
      title: 'Sending IP or domain banned',
      meaning: 'Microsoft banned the sending IP or domain for spam-like traffic; removal goes through its delist portal.',
      category: 'reputation',
      next_steps: [
        'Pull the domain or IP from rotation and switch to a warmed reserve.',
        'Request removal through Microsoft\'s sender delist portal with the full bounce and the IP.',
        'Find and fix the cause (list quality, volume, copy) before sending again.',
      ],
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.750'],
    reading: {
      title: 'Sending from unregistered domains',
      meaning: 'The tenant sent many messages from domains it has not added and verified in Microsoft 365.',
      category: 'policy',
      action: 'fix_dns_auth',
      next_steps: ['Add and verify every sending domain in the Microsoft 365 admin center before sending from it.'],
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.703', '5.7.900-999', '5.0.350'],
    reading: {
      title: 'Refused by an organisation rule',
      meaning: 'A mail-flow rule or block list set by one of the organisations involved refused the message.',
      category: 'policy',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.700-749'],
    reading: {
      title: 'Tenant blocked for suspicious traffic',
      meaning: 'Microsoft found most of the tenant\'s (or IP\'s) traffic suspicious and stopped it sending; new low-reputation tenants get this often.',
      category: 'reputation',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.12', '5.7.13', '5.7.124', '5.7.133', '5.7.134', '5.7.135', '5.7.136'],
    reading: {
      title: 'Recipient only takes internal mail',
      meaning: 'The recipient (a mailbox, group or public folder) only accepts mail from inside its own organisation or from approved senders.',
      category: 'policy',
      action: 'remove_address',
      next_steps: ['Remove the address: only the recipient\'s administrator could change this.'],
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.57'],
    reading: {
      title: 'Not logged in',
      meaning: 'smtp.office365.com wants an SMTP login before it relays; the tool sent without one.',
      category: 'sender_credentials',
    },
  },
  {
    provider: 'microsoft',
    codes: ['5.7.1'],
    text: /client was not authenticated/,
    reading: {
      title: 'Not logged in',
      meaning: 'The receiving system wants an SMTP login before it takes the message.',
      category: 'sender_credentials',
    },
  },
  {
    provider: 'microsoft',
    codes: ['4.7.5', '5.7.5', '4.4.8', '5.4.8', '4.7.321-325', '5.7.321-325'],
    reading: {
      title: 'Recipient server failed TLS checks',
      meaning: 'The recipient server\'s TLS setup failed MTA-STS or DANE validation, so Microsoft would not hand the message over. The fault is on the recipient\'s side.',
      category: 'server_error',
    },
  },
  {
    provider: 'microsoft',
    text: /\bs3115\b|maximum number of connections/,
    reading: {
      title: 'Too many connections',
      meaning: 'Outlook.com saw too many simultaneous connections from the sending IP.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'microsoft',
    text: /pfa agent busy/,
    reading: {
      title: 'Outlook.com filter busy',
      meaning: 'Outlook.com\'s filtering agent was busy; nothing is wrong with your mail.',
      category: 'server_error',
    },
  },
  {
    provider: 'microsoft',
    text: /\ba?s3150\b|\ba?s3140\b/,
    klass: 'permanent',
    reading: {
      title: 'Sending network on Outlook.com\'s block list',
      meaning: 'Outlook.com blocks the network the sending IP belongs to; the block is on the IP range, not on one message.',
      category: 'reputation',
      next_steps: [
        'Ask the mail host or IP provider to request delisting from Outlook.com for the range.',
        'Move the affected inboxes to a provider or IP range with a clean reputation, and pull the domain from rotation meanwhile.',
      ],
    },
  },
  {
    provider: 'microsoft',
    codes: ['4.7.500-699'],
    reading: {
      title: 'Sending IP throttled',
      meaning: 'Microsoft is throttling a new or changed sending pattern from this IP ("server busy, try again later"); it lifts as the IP builds a sending history.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'microsoft',
    codes: ['4.7.850-899'],
    reading: {
      title: 'Temporarily restricted',
      meaning: 'Microsoft spotted suspicious activity or poor reputation from the sending IP and restricts it for now while it evaluates the traffic.',
      category: 'reputation',
    },
  },
  {
    provider: 'microsoft',
    text: /\brp-00[1-3]\b/,
    klass: 'transient',
    reading: {
      title: 'Rate limited for reputation',
      meaning: 'Outlook.com is limiting the rate or the connections it takes from the sending IP, in line with the IP\'s or domain\'s reputation.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'microsoft',
    text: /\bsc-00[1-4]\b|\bou-00[12]\b/,
    klass: 'permanent',
    reading: {
      title: 'Blocked for IP or domain reputation',
      meaning: 'Outlook.com refuses mail from the sending IP or domain for its reputation (SC-004 points to complaints).',
      category: 'reputation',
    },
  },
  {
    provider: 'microsoft',
    text: /\bdy-00[12]\b/,
    klass: 'permanent',
    reading: {
      title: 'Dynamic or compromised IP',
      meaning: 'Outlook.com does not take mail from what it sees as a dynamic, residential or compromised IP.',
      category: 'reputation',
    },
  },

  // Yahoo / AOL
  {
    provider: 'yahoo',
    text: /\btss09\b|\btss11\b|\bts03\b/,
    klass: 'permanent',
    reading: {
      title: 'IP permanently deferred',
      meaning: 'Yahoo will not take any more mail from this IP; retrying will not get through, whatever the reply code says.',
      category: 'reputation',
    },
  },
  {
    provider: 'yahoo',
    text: /\btss04\b|\bts0[12]\b/,
    klass: 'transient',
    reading: {
      title: 'Deferred for volume or complaints',
      meaning: 'Yahoo is holding back mail from this IP because of unusual volume or user complaints (it also sends this to poorly authenticated senders).',
      category: 'reputation',
    },
  },
  {
    provider: 'yahoo',
    text: /\bph01\b/,
    klass: 'permanent',
    reading: {
      title: 'Refused for content policy',
      meaning: 'Yahoo refused the message under its content policy.',
      category: 'spam_content',
    },
  },
  {
    provider: 'yahoo',
    text: /\bbl2[13]\b/,
    klass: 'permanent',
    reading: {
      title: 'IP on a Spamhaus list',
      meaning: 'Yahoo refuses connections from this IP because Spamhaus lists it (XBL means a compromised or infected host).',
      category: 'reputation',
    },
  },
  {
    provider: 'yahoo',
    codes: ['5.7.9'],
    text: /unauthenticated|spf or dkim/,
    reading: {
      title: 'Unauthenticated sender',
      meaning: 'Yahoo blocked the message because neither SPF nor DKIM passed.',
      category: 'authentication',
      auth: 'multiple',
    },
  },
  {
    provider: 'yahoo',
    codes: ['5.7.9'],
    reading: {
      title: 'Refused for policy reasons',
      meaning: 'Yahoo uses this code for a policy rejection, historically for DMARC failures; it is not about a weak login mechanism here.',
      category: 'policy',
      next_steps: [
        'Check SPF, DKIM and DMARC alignment for the From domain first.',
        'Then review the copy: plain text, no links or tracking.',
        pauseAndCheckAuth,
      ],
    },
  },
  {
    provider: 'yahoo',
    text: /unresolvable rfc\.?5321 from domain/,
    reading: {
      title: 'Sender domain does not resolve',
      meaning: 'Yahoo could not resolve the envelope sender (MAIL FROM) domain in DNS.',
      category: 'authentication',
      action: 'fix_dns_auth',
      next_steps: ['Check that the MAIL FROM (return-path) domain has A or MX records: `dig MX yourdomain.com +short`.'],
    },
  },
  {
    provider: 'yahoo',
    text: /max message per connection/,
    reading: {
      title: 'Too many messages per connection',
      meaning: 'Yahoo caps how many messages one SMTP session may carry.',
      category: 'rate_limited',
      next_steps: ['Send fewer messages per connection (open a new session more often) and let the sequencer retry.'],
    },
  },

  // Apple iCloud Mail
  {
    provider: 'apple',
    text: /\bhme1\b/,
    klass: 'permanent',
    reading: {
      title: 'Failed both SPF and DKIM',
      meaning: 'iCloud blocked the message because it failed both SPF and DKIM.',
      category: 'authentication',
      auth: 'multiple',
    },
  },
  {
    provider: 'apple',
    text: /\bcs01\b/,
    klass: 'permanent',
    reading: {
      title: 'Refused by local policy',
      meaning: 'iCloud refused the message under its own content policy.',
      category: 'spam_content',
    },
  },
  {
    provider: 'apple',
    text: /excessive volume/,
    reading: {
      title: 'Too much volume',
      meaning: 'iCloud is deferring mail for this recipient because of the volume it receives from you.',
      category: 'rate_limited',
    },
  },
  {
    provider: 'apple',
    text: /not accepting connections/,
    reading: {
      title: 'Connection refused',
      meaning: 'iCloud\'s inbound server refused the connection outright, usually a block on the sending IP.',
      category: 'reputation',
    },
  },

  // Security gateways
  {
    provider: 'mimecast',
    text: /spf sender invalid/,
    reading: { title: 'SPF failed at Mimecast', meaning: 'Mimecast found that the sending IP is not in the sender domain\'s SPF record.', category: 'authentication', auth: 'spf' },
  },
  {
    provider: 'mimecast',
    text: /dkim sender invalid/,
    reading: { title: 'DKIM failed at Mimecast', meaning: 'Mimecast found the message\'s DKIM signature or key broken.', category: 'authentication', auth: 'dkim' },
  },
  {
    provider: 'mimecast',
    text: /dmarc sender invalid/,
    reading: { title: 'DMARC failed at Mimecast', meaning: 'Mimecast rejected the message because it failed DMARC.', category: 'authentication', auth: 'dmarc' },
  },
  {
    provider: 'mimecast',
    text: /ip reputation|temporarily blacklisted/,
    reading: { title: 'Sending IP reputation', meaning: 'Mimecast refused or paused the sending IP for poor reputation or for hitting its limits.', category: 'reputation' },
  },
  {
    provider: 'mimecast',
    text: /internal resources are temporarily unavailable/,
    reading: { title: 'Deferred (greylisting)', meaning: 'Mimecast deferred the first attempt, usually greylisting of an unknown sender or a doubtful IP.', category: 'greylisted' },
  },
  {
    provider: 'mimecast',
    text: /envelope blocked|blocked senders|sender address blocked/,
    reading: {
      title: 'Sender on a block list',
      meaning: 'A blocked-senders policy at Mimecast (the organisation\'s or the recipient\'s own) matches your address or domain.',
      category: 'policy',
      action: 'remove_address',
      next_steps: [
        'Remove the recipient: they or their organisation chose to block you.',
        'If several recipients behind Mimecast block you, check SPF and the domain\'s reputation.',
      ],
    },
  },
  {
    provider: 'mimecast',
    text: /anti-spoofing|host network not allowed/,
    reading: {
      title: 'Refused by a gateway policy',
      meaning: 'A Mimecast policy of the recipient\'s organisation (anti-spoofing or a country restriction) refused the connection.',
      category: 'policy',
    },
  },
  {
    provider: 'mimecast',
    text: /security policies/,
    reading: { title: 'Refused as spam or malware', meaning: 'Mimecast scored the message as spam or found a malware signature.', category: 'spam_content' },
  },
  {
    provider: 'proofpoint',
    text: /blocked - see|ipcheck|dnsbl-lookup|dynamic reputation/,
    reading: {
      title: 'IP blocked by Proofpoint',
      meaning: 'Proofpoint\'s reputation service blocks the sending IP for every organisation that uses it; removal is requested on its IP check page.',
      category: 'reputation',
    },
  },
  {
    provider: 'barracuda',
    text: /blocked using|barracuda reputation|barracudacentral|\bbrbl\b/,
    reading: {
      title: 'IP on Barracuda\'s block list',
      meaning: 'The sending IP is on Barracuda\'s reputation block list; receivers using it refuse the connection.',
      category: 'reputation',
    },
  },

  // Blocklists quoted by any receiver
  {
    provider: 'spamhaus',
    text: /spamhaus/,
    reading: {
      title: 'Listed by Spamhaus',
      meaning: 'Spamhaus lists the sending IP (SBL, XBL, CSS or ZEN) or a domain used in the message (DBL), and the receiver refuses mail because of it.',
      category: 'reputation',
    },
  },
  {
    provider: 'spamcop',
    text: /spamcop/,
    reading: { title: 'Listed by SpamCop', meaning: 'SpamCop lists the sending IP after spam reports, and the receiver refuses mail because of it.', category: 'reputation' },
  },
  {
    provider: 'sorbs',
    text: /sorbs/,
    reading: { title: 'Listed by SORBS', meaning: 'SORBS lists the sending IP, and the receiver refuses mail because of it.', category: 'reputation' },
  },

  // European ISPs
  ...orangeSuffixReadings('orange'),
  ...orangeSuffixReadings('laposte'),
  {
    provider: 'orange',
    text: /service refus|ofr_\d+/,
    reading: { title: 'Refused by Orange', meaning: 'Orange refuses mail from the sending IP for now, a reputation decision.', category: 'reputation' },
  },
  {
    provider: 'free',
    text: /too many spams/,
    reading: { title: 'IP blocked by Free', meaning: 'Free blocks the sending IP after receiving too much spam from it.', category: 'reputation' },
  },
  {
    provider: 'sfr',
    text: /spam policy/,
    reading: { title: 'Refused as spam by SFR', meaning: 'SFR\'s filter refused the message as spam.', category: 'spam_content' },
  },
  {
    provider: 'laposte',
    text: /service refus|lpn\d+/,
    reading: { title: 'Refused by La Poste', meaning: 'La Poste refuses mail from the sending IP, a reputation decision.', category: 'reputation' },
  },
  {
    provider: 'telefonica',
    text: /blocked using/,
    reading: { title: 'IP on a blocklist', meaning: 'Telefónica refuses the sending IP because a DNS blocklist it uses lists it.', category: 'reputation' },
  },
];

