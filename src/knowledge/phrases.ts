import type { AuthCheck, Category } from './types.js';

/**
 * The wording smtp-desk recognises in bounces, as data: each reason lists the phrasings that show
 * it, in English and the common German, French, Spanish, Portuguese, Italian, Dutch and Japanese
 * forms. Matching (wording.ts) ignores case, accents and line breaks, and a phrase that starts or
 * ends with a letter or digit only matches whole words. The order of `reasons` is the precedence
 * of docs/bounce-reader.md: when several reasons show in one reply, the first listed wins.
 */
export const reasonIds = [
  'relay',
  'own_login',
  'own_account',
  'own_quota',
  'greylisted',
  'blocklist',
  'sender_domain',
  'authentication',
  'sender_rejected',
  'mailbox_full',
  'disabled',
  'unknown_user',
  'dns_temporary',
  'no_such_domain',
  'too_big',
  'unsolicited_volume',
  'reputation',
  'rate',
  'virus',
  'spam',
  'tls',
  'too_many_recipients',
  'protocol',
  'server',
  'recipient_generic',
  'policy',
  'delivered',
] as const;
export type ReasonId = (typeof reasonIds)[number];

export interface ReasonInfo {
  category: Category;
  title: string;
  meaning: string;
  /**
   * Wording of this kind means the sending IP when the receiver had not seen the message yet
   * (connect, HELO, MAIL FROM, RCPT TO): then it reads as reputation.
   */
  needsContent?: boolean;
  /** Only a temporary reply (or none) reads this way; a permanent one falls to the next reason. */
  onlyTemporary?: boolean;
}

export const reasons: Readonly<Record<ReasonId, ReasonInfo>> = {
  own_login: {
    category: 'sender_credentials',
    title: 'Your SMTP login was refused',
    meaning: 'The text says the sending service did not accept the inbox\'s login; the recipient never saw the message.',
  },
  own_account: {
    category: 'sender_credentials',
    title: 'Your sending account is blocked',
    meaning: 'The text says the sending account itself has been blocked or restricted from sending, which usually follows spam complaints or a compromise.',
  },
  own_quota: {
    category: 'rate_limited',
    title: 'Your sending limit reached',
    meaning: 'The text says your own account or relay went over its sending quota; the recipient is not at fault.',
  },
  greylisted: {
    category: 'greylisted',
    title: 'Greylisted',
    meaning: 'The text says the receiver is greylisting: it turns away the first attempt from an unknown sender on purpose.',
    onlyTemporary: true,
  },
  blocklist: {
    category: 'reputation',
    title: 'Sending IP or domain on a blocklist',
    meaning: 'The text names a blocklist (a DNSBL such as Spamhaus, or the receiver\'s own block list) that lists your sending IP, network or domain.',
  },
  sender_domain: {
    category: 'authentication',
    title: 'Your sending domain does not resolve',
    meaning: 'The text says the envelope sender\'s domain has no usable DNS records, so the receiver cannot verify or answer it. The fix is in your own domain\'s DNS, not in the list.',
  },
  authentication: {
    category: 'authentication',
    title: 'Authentication failed',
    meaning: 'The text says an authentication check on your sending domain or IP failed (SPF, DKIM, DMARC or reverse DNS).',
  },
  sender_rejected: {
    category: 'policy',
    title: 'Sender address refused',
    meaning: 'The text says the receiver refused the sender address itself (a sender check or a blocked-senders rule), not the recipient.',
  },
  mailbox_full: {
    category: 'mailbox_full',
    title: 'Mailbox full',
    meaning: 'The text says the recipient\'s mailbox is over its storage quota.',
  },
  disabled: {
    category: 'invalid_recipient',
    title: 'Recipient account disabled',
    meaning: 'The text says the recipient\'s account exists but is disabled, suspended or no longer in use.',
  },
  relay: {
    category: 'relay_denied',
    title: 'Relay refused',
    meaning: 'The text says the server refused to relay the message: it does not take mail for this recipient\'s domain from you.',
  },
  unknown_user: {
    category: 'invalid_recipient',
    title: 'Recipient does not exist',
    meaning: 'The text says the recipient address does not exist at its domain.',
  },
  dns_temporary: {
    category: 'server_error',
    title: 'Temporary DNS failure',
    meaning: 'The text says a DNS lookup for the recipient\'s domain failed for now; the domain may still be fine.',
  },
  no_such_domain: {
    category: 'invalid_recipient',
    title: 'Recipient domain does not exist or takes no mail',
    meaning: 'The text says the recipient\'s domain has no DNS records for mail (no MX or A record, NXDOMAIN) or declares that it accepts no mail.',
  },
  too_big: {
    category: 'message_too_big',
    title: 'Message too big',
    meaning: 'The text says the message is larger than the receiver accepts.',
  },
  unsolicited_volume: {
    category: 'reputation',
    title: 'Unsolicited volume from your IP or domain',
    meaning: 'The text says the receiver sees an unusual rate of unsolicited mail from your IP or domain: a reputation problem, not just sending speed.',
  },
  reputation: {
    category: 'reputation',
    title: 'Poor sending reputation',
    meaning: 'The text says the receiver refuses or throttles your sending IP, network or domain for its reputation or for complaints.',
  },
  rate: {
    category: 'rate_limited',
    title: 'Sending too fast',
    meaning: 'The text says you are going over the receiver\'s limits on connections, messages or speed.',
  },
  virus: {
    category: 'spam_content',
    title: 'Refused as malware or a risky attachment',
    meaning: 'The text says a filter found a virus, malware or a forbidden attachment in the message.',
    needsContent: true,
  },
  spam: {
    category: 'spam_content',
    title: 'Judged as spam',
    meaning: 'The text says a content filter judged the message as spam or unsolicited bulk mail.',
    needsContent: true,
  },
  tls: {
    category: 'protocol',
    title: 'TLS required or failed',
    meaning: 'The text says the connection had to be encrypted with TLS, or the TLS handshake failed.',
  },
  too_many_recipients: {
    category: 'protocol',
    title: 'Too many recipients',
    meaning: 'The text says the message listed more recipients than the server takes at once.',
  },
  protocol: {
    category: 'protocol',
    title: 'SMTP protocol error',
    meaning: 'The text says a command or the message format broke the SMTP or message rules.',
  },
  server: {
    category: 'server_error',
    title: 'Receiving server or network problem',
    meaning: 'The text says the receiving server was unreachable, busy or failing for the moment.',
  },
  policy: {
    category: 'policy',
    title: 'Refused by the receiver\'s policy',
    meaning: 'The text says a policy at the receiver refused the message, without naming a more specific reason.',
  },
  recipient_generic: {
    category: 'invalid_recipient',
    title: 'Recipient refused',
    meaning: 'The text says the receiver refused this recipient address.',
  },
  delivered: {
    category: 'delivered',
    title: 'Delivered',
    meaning: 'The text is a delivery notice: the message reached the recipient.',
  },
};

/** Spectrum / Charter tag their replies AUP#I-NNNN (inbound) and AUP#O-NNNN; the number carries the reason. */
function spectrum(from: number, to: number): string[] {
  const tags: string[] = [];
  for (let code = from; code <= to; code += 10) tags.push(`aup#i-${code}`, `aup#o-${code}`);
  return tags;
}

/** Phrases per reason. Authentication phrases also name the check that failed. Cox (AUP#CX…) and GoDaddy (IBnnn) tags sit with their reasons. */
export const reasonPhrases: Readonly<Record<Exclude<ReasonId, 'authentication'>, readonly string[]>> = {
  own_login: [
    'authentication unsuccessful', 'smtp authentication failed', 'password authentication failed', 'authentication failed for user', 'authentication credentials invalid',
    'username and password not accepted', 'invalid credentials', 'invalid login', 'login failed', 'bad credentials',
    'incorrect authentication data', 'smtp auth', 'smtpclientauthentication is disabled', 'please log in with your web browser', 'ib401',
    'application-specific password', 'app password', 'client was not authenticated', 'authentication required',
    'must be authenticated', 'please turn on smtp authentication', 'authentication is required', 'not authenticated to send',
    'password not accepted', 'wrong password', 'too many login attempts', 'authentifizierung fehlgeschlagen',
    'echec d authentification', 'autenticacion fallida', 'falha na autenticacao', 'autenticazione fallita', 'authenticatie mislukt',
    '認証に失敗',
  ],
  own_account: [
    'bad outbound sender', 'outbound spam', 'sending has been disabled', 'account has been blocked for sending',
    'your account has been suspended for sending', 'sender account is disabled', 'mail sending denied',
    'invio temporaneamente disabilitato', 'restricted from sending', 'user is restricted', 'outboundspamexception', 'cxthrt', 'cxmj',
  ],
  own_quota: [
    'submission quota', 'submissionquota', 'sending quota', 'daily sending quota', 'daily sending limit', 'sending limit exceeded',
    'daily limit for message recipients', 'daily user sending quota', 'relay limit exceeded', 'daily smtp relay limit',
    'peak smtp relay limit', 'message rate limit exceeded for your account', 'account sending limit', 'outgoing message limit',
    'recipient rate limit exceeded for your account', 'you have exceeded your daily', 'versandlimit', 'limite d envoi',
    'emails per hour', 'messages per hour', 'defers and failures per hour', 'per hour allowed',
  ],
  greylisted: [
    'greylisted', 'greylisting', 'graylisted', 'graylisting', 'grey listed', 'gray listed', 'grey-listed', 'gray-listed',
    'greylist', 'graylist', 'postgrey', 'please come back later', 'come back in', 'try again in a few minutes',
    'deferred for greylisting', 'temporarily rejected for greylisting', 'graue liste', 'liste grise', 'lista gris',
  ],
  blocklist: [
    'blocked using', 'is listed in', 'is listed on', 'is listed at', 'ip is listed', 'address is listed', 'currently listed', 'listed in rbl', 'listed by', 'rbl', 'dnsbl', 'rbl reject', 'rbl rejection',
    'zen.spamhaus.org', 'spamhaus', 'sbl-xbl', 'bl.spamcop.net', 'spamcop', 'b.barracudacentral.org', 'barracuda reputation',
    'barracudacentral', 'sorbs', 'uceprotect', 'cloudmark', 'invaluement', 'ivmsip', 'ivmuri', 'mailspike', 'surbl', 'uribl',
    'spamrats', 'psbl', 'senderscore', 'return path reputation', 'proofpoint dynamic reputation', 'ipcheck.proofpoint.com',
    'dnsbl-lookup', 'block list', 'blocklist', 'blocklisted', 'blacklist', 'blacklisted', 'black list', 'deny list',
    'denylist', 'denylisted', 'local block list', 'on our block list', 'banned list', 'realtime blackhole', 'black hole list',
    'ip blacklisted', 'ip temporarily blacklisted', 'spamlist', 'sperrliste', 'schwarze liste', 'liste noire', 'lista negra',
    'lista nera', 'zwarte lijst', 'ブラックリスト', 'block listed', 'black listed', 'cxbl', 'cdrbl', 'ib103', 'ib104', 'ib105', 'ib106',
    ...spectrum(1200, 1250),
  ],
  sender_domain: [
    'domain of sender address', 'sender domain does not resolve', 'sender domain not found', 'sender domain must exist',
    'sender domain must resolve', 'envelope sender domain', 'sender address rejected: domain not found', 'unresolvable rfc.5321 from domain',
    'unresolvable rfc5321 from domain', 'sender domain has no mx', 'invalid sender domain', 'sender domain is invalid',
    'mail from domain does not exist', 'mail from domain has no', 'ib506', 'from domain does not resolve', 'return-path domain',
    'sender address does not resolve', 'cannot resolve sender domain', 'unroutable sender address', 'sender domain unresolvable',
    'domain of the sender', 'sender\'s domain does not exist', 'sender domain does not exist', 'from: domain is invalid', 'absender-domain', 'domaine de l expediteur',
  ],
  sender_rejected: [
    'sender verify failed', 'sender verification failed', 'sender address rejected', 'sender rejected', 'sender blocked',
    'sender address blocked', 'blocked senders', 'blocked sender', 'envelope blocked', 'sender not allowed',
    'not in allowed-senders', 'allowed senders', 'only accepts messages from', 'only accepts mail from', 'anti-spoofing',
    'invalid sender', 'emetteur invalide', 'sender is not allowed', 'sender address is blacklisted', 'unknown sender',
    'sender unknown', 'could not verify sender', 'verification of sender failed', 'callout verification failure',
    'absender abgelehnt', 'expediteur refuse', 'remitente rechazado', 'remetente rejeitado', 'mittente rifiutato',
  ],
  mailbox_full: [
    'mailbox full', 'mailbox is full', 'mailbox was full', 'full mailbox', 'mailbox has exceeded', 'mailbox quota', 'mailbox size limit exceeded',
    'over quota', 'overquota', 'over its quota', 'quota exceeded', 'quota exceed', 'exceeded quota', 'exceeds quota', 'quota full', 'storage quota',
    'exceeded storage', 'exceeded its storage', 'exceeded the storage', 'out of storage', 'out of space', 'storage space',
    'disk quota', 'user is over quota', 'inbox is full', 'inbox full', 'mail box full', 'mailbox exceeds', 'no space left',
    'mail quota', 'account is full', 'exceeded storage allocation', 'quota has been exceeded', 'quota limit',
    'insufficient storage for user', 'user has exceeded', 'recipient overquota', 'boite du destinataire pleine', 'boite pleine',
    'boite aux lettres pleine', 'boite aux lettres est pleine', 'quota depasse', 'capacite de la boite', 'postfach voll', 'postfach ist voll',
    'postfach des empfangers ist voll', 'mailbox voll', 'speicherplatz', 'speichervolumen', 'kontingent uberschritten',
    'quota uberschritten', 'buzon lleno', 'buzon esta lleno', 'buzon del destinatario esta lleno', 'cuota excedida', 'cuota superada',
    'caixa postal cheia', 'caixa de correio cheia', 'caixa cheia', 'cota excedida', 'quota excedida', 'casella piena',
    'casella di posta piena', 'quota superata', 'spazio esaurito', 'mailbox is vol', 'postvak is vol', 'postbus is vol',
    'quotum overschreden', 'quota overschreden', 'メールボックスがいっぱい', 'メールボックスの容量', '容量を超え', '容量超過',
    '容量オーバー', 'ディスク容量',
  ],
  disabled: [
    'account disabled', 'account is disabled', 'account has been disabled', 'mailbox disabled', 'mailbox is disabled',
    'mailbox has been disabled', 'disabled recipient', 'disabled mailbox', 'recipient disabled', 'user disabled', 'user is disabled', 'recipient is disabled',
    'inactive', 'account is inactive', 'mailbox inactive', 'account suspended', 'mailbox suspended', 'user suspended', 'account has been suspended', 'account is suspended', 'mailbox is suspended',
    'no longer valid', 'no longer active', 'no longer in use', 'no longer available', 'no longer exists', 'no longer on server',
    'deactivated', 'administratively disabled', 'has been terminated', 'account expired', 'mailbox is frozen',
    'account locked', 'konto deaktiviert', 'postfach gesperrt', 'konto gesperrt', 'nicht mehr verfugbar', 'compte desactive',
    'compte bloque', 'compte du destinataire est bloque', 'boite du destinataire archivee', 'cuenta deshabilitada',
    'cuenta desactivada', 'buzon desactivado', 'conta desativada', 'conta bloqueada', 'casella disattivata', 'account sospeso',
    'account is uitgeschakeld', 'uitgeschakeld', 'アカウントが無効', '利用停止',
  ],
  relay: [
    'relay access denied', 'relaying denied', 'relay denied', 'relay not permitted', 'relaying not permitted', 'unable to relay',
    'we do not relay', 'relaying not allowed', 'relay not allowed', 'not permitted to relay', 'relaying disallowed',
    'open relay', 'relaying mail to', 'cannot relay', 'relay prohibited', 'no relaying', 'relay rejected', 'relaying is not allowed',
    'not allowed to relay', 'relay access is denied', 'relais refuse', 'relay nicht erlaubt', 'as a relay', 'not permitted to relay through',
  ],
  unknown_user: [
    'user unknown', 'unknown user', 'unknown recipient', 'recipient unknown', 'no such user', 'no such mailbox', 'no such recipient',
    'no such address', 'no such account', 'no mailbox here by that name', 'mailbox not found', 'mailbox does not exist',
    'mailbox unknown', 'unknown mailbox', 'unknown address', 'address unknown', 'invalid recipient', 'invalid mailbox',
    'recipient not found', 'recipient does not exist', 'user does not exist', 'address does not exist', 'account does not exist',
    'does not exist', 'doesn\'t exist', 'not exist', 'user not found', 'address not found', 'unknown local part',
    'unrouteable address', 'user not listed', 'not listed in domino directory', 'not listed in public name & address book',
    'recipient name is not recognized', 'recipnotfound', 'recipientnotfound', 'unknown or illegal alias', 'no such local user',
    'not our customer', 'account that you tried to reach does not exist', 'the email account that you tried to reach does not exist',
    'email address you entered couldn\'t be found', 'address couldn\'t be found', 'address could not be found', 'wasn\'t found at',
    'was not found', 'doesn\'t have a', 'does not have an account', 'no account', 'not a valid user', 'invalid user',
    'bad destination mailbox', 'mailbox name not allowed', 'no mailbox', 'addressee unknown', 'undeliverable address',
    'recipient address rejected: user unknown', 'user unknown in virtual mailbox table', 'user unknown in local recipient table',
    'user unknown in relay recipient table', 'unknown user account', 'recipient rejected: unknown', 'nicht vorhanden',
    'empfanger unbekannt', 'benutzer unbekannt', 'unbekannter empfanger', 'unbekannter benutzer', 'adresse unbekannt',
    'existiert nicht', 'gibt es nicht', 'keine person mit diesem namen', 'ist nicht zustellbar', 'destinataire inconnu',
    'utilisateur inconnu', 'adresse inconnue', 'n existe pas', 'adresse d au moins un destinataire invalide',
    'nom du destinataire n est pas reconnu', 'non repertorie dans l annuaire', 'non recense', 'usuario desconocido',
    'destinatario desconocido', 'el destinatario no existe', 'no existe', 'usuario no existe', 'no se encuentra en el directorio',
    'usuario inexistente', 'usuario desconhecido', 'destinatario invalido', 'destinatario desconhecido', 'nao existe',
    'utente sconosciuto', 'destinatario sconosciuto', 'indirizzo inesistente', 'utente inesistente', 'non esiste',
    'onbekende gebruiker', 'ontvanger bestaat niet', 'gebruiker bestaat niet', 'adres bestaat niet', 'onbekende ontvanger',
    'bestaat niet', 'diese adresse ist nicht mehr verfuegbar', 'ist leider nicht zustellbar', '宛先不明', '該当ユーザーが存在しません', 'ユーザーが存在しません', '存在しません', 'ディレクトリには見つかりません',
    'ディレクトリのリストにありません', '宛先のメールアドレスが見つかりません',
  ],
  dns_temporary: [
    'host not found, try again', 'temporary failure in mx lookup', 'temporary failure in name resolution', 'dns temporary failure',
    'temporary dns', 'dns lookup timed out', 'servfail', 'name server timeout', 'dns error: timeout', 'try again (#4.1.2)',
    'temporary lookup failure', 'dns timeout',
  ],
  no_such_domain: [
    'nxdomain', 'no such domain', 'domain not found', 'domain does not exist', 'domain doesn\'t exist', 'host or domain name not found',
    'host not found', 'no mx or a record', 'no mx record', 'no mx records', 'no mx found', 'no valid mx', 'mx lookup failed',
    'couldn\'t find any host named', 'could not find any host named', 'unable to route', 'unroutable domain', 'domain is not valid',
    'invalid domain', 'domain name not found', 'does not accept mail', 'accepts no mail', 'nullmx', 'null mx',
    'point to non-existent hosts', 'indicated no smtp service', 'nonexistentdomain', 'non-existent domain', 'unknown domain',
    'domain couldn\'t be found', 'domain could not be found', 'dns type \'mx\' lookup', 'had no relevant answers',
    'name service error', 'bad destination system address', 'could not resolve', 'no route to domain', 'no mail servers',
    'domain has no mail', 'recipient domain does not exist', 'dominio inexistente', 'dominio no existe', 'domaine inexistant',
    'domaine introuvable', 'domain existiert nicht', 'dominio inesistente', 'domein bestaat niet', 'ドメインが存在しません',
  ],
  too_big: [
    'message size exceeds', 'message too large', 'message too big', 'message is too large', 'message is too big', 'size limit',
    'exceeds size limit', 'exceeds the size limit', 'maximum message size', 'max message size', 'message size limit',
    'maximum email size', 'message exceeds', 'too large', 'size exceeds', 'message length exceeds', 'message size',
    'exceeds fixed limit', 'recipsizelimit', 'larger than', ...spectrum(1530, 1530), 'google\'s limit', 'google\'s message size', 'attachment too large', 'nachricht zu gross', 'message trop volumineux',
    'mensaje demasiado grande', 'messaggio troppo grande', 'bericht te groot', 'サイズが大きすぎ',
  ],
  unsolicited_volume: [
    'unusual rate of unsolicited', 'unsolicited mail originating', 'rate of unsolicited mail',
  ],
  reputation: [
    'reputation', 'poor reputation', 'low reputation', 'bad reputation', 'reputation of the sending', 'banned sending ip',
    'ip banned', 'ip blocked', 'ip address blocked', 'ip is blocked', 'ip has been blocked', 'ip address has been blocked',
    'blocked ip', 'your ip address has been', 'your network', 'part of their network', 'network is on our', 'not accepting mail from',
    'not accepting connections', 'not accepting messages from', 'complaints', 'user complaints', 'permanently deferred',
    'too many spams', 'spam source', 'sending spam', 'known spammer', 'spammer', 'dynamic ip', 'dynamic ips', 'residential ip',
    'dial-up', 'dialup', 'compromised', 'botnet', 'open proxy', 'service refuse', 'service refused', 'adresse ip source bloquee',
    'blocked for sending spam', 'bloquee pour envoi de spam', 'namespace mining', 'ib112', 'ib113', ...spectrum(1000, 1090),
    'connections will not be accepted', 'connection refused due to', 'refused: your', 'access denied, banned',
    'temporarily deferred due to', 'deferred due to user complaints', 'suspicious activity', 'suspicious traffic',
    'ip address is not allowed', 'ip not allowed', 'host network not allowed', 'client host rejected',
    'reputacion', 'reputation ip', 'ip-adresse gesperrt', 'ip bloqueada', 'ip bloccato',
  ],
  rate: [
    'too many connections', 'too many concurrent connections', 'concurrent connections', 'too many simultaneous connections',
    'maximum number of connections', 'connection limit', 'connection rate limit', 'rate limit', 'rate limited', 'rate-limited',
    'ratelimit', 'rate limiting', 'too quickly', 'too fast', 'slow down', 'server busy', 'too many messages', 'too many sessions',
    'max message per connection', 'messages per connection', 'message threshold exceeded', 'unexpected volume', 'excessive volume',
    'thread limit', 'throttled', 'throttling', 'throttle', 'unusual rate', 'exceeded the rate', 'receiving mail at a rate',
    'too much mail', 'too many emails', 'sending rate', 'volume limit', 'traffic limit', 'limit exceeded', 'exceeded permitted limits',
    'try again later from', 'zu viele verbindungen', 'trop de connexions', 'demasiadas conexiones', 'troppe connessioni',
    'te veel verbindingen', '接続数', 'all server ports are busy', 'cxcnct', 'cxmxrt', 'ib007', 'ib504', 'ib510', 'ib607',
    ...spectrum(1300, 1490), ...spectrum(1540, 1580),
  ],
  virus: [
    'virus', 'malware', 'infected', 'trojan', 'phishing', 'security issue', 'security policies', 'potential security issue',
    'illegal attachment', 'banned attachment', 'attachment extension is forbidden', 'blocked attachment', 'attachment not allowed',
    'dangerous attachment', 'executable attachment', 'virus gefunden', 'virus detecte', 'virus detectado', 'ウイルス', 'ib705',
  ],
  spam: [
    'spam', 'unsolicited', 'ube', 'uce', 'bulk email', 'bulk mail', 'bulk/unsolicited', 'content rejected', 'message content rejected',
    'content filter', 'spam score', 'spam-like', 'likely spam', 'looks like spam', 'suspected spam', 'classified as spam',
    'rejected as spam', 'considered spam', 'spam detected', 'spam content', 'spam message', 'junk', 'content or the links',
    'links within', 'message content', 'content was rejected', 'spam policy', 'per spam policy', 'mail rejete', 'spamverdacht',
    'als spam eingestuft', 'considere comme spam', 'considerado spam', 'correo no deseado', 'considerada spam',
    'mensagem rejeitada como spam', 'considerato spam', 'considerata spam', 'als spam aangemerkt', 'bericht geweigerd als spam',
    'spam firewall', 'ib110', 'ib111', 'ib212',
    '迷惑メール', 'スパム',
  ],
  tls: [
    'starttls', 'tls required', 'tls is required', 'requires tls', 'require tls', 'requires encryption', 'encryption required',
    'must issue a starttls', 'tls handshake', 'handshake failure', 'cannot start tls', 'tls negotiation failed', 'certificate',
    'mta-sts', 'dane', 'requiretls', 'encrypted connection', 'ssl', 'tls-only', 'tls verification', 'tls session failure',
    'tls required but not supported',
  ],
  too_many_recipients: [
    'too many recipients', 'recipient limit', 'max recipients', 'maximum recipients', 'too many rcpt', 'ib605',
  ],
  protocol: [
    'syntax error', 'command unrecognized', 'command not recognized', 'unrecognized command', 'bad sequence of commands',
    'command not implemented', 'invalid command', 'line too long', 'malformed', 'rfc 5322', 'rfc5322', 'rfc 2822',
    'invalid helo', 'helo rejected', 'ehlo rejected', 'bad helo', 'invalid hostname', 'helo command rejected',
    'header', 'message-id', 'invalid address format', 'bad address syntax', 'improper', 'protocol error', 'bare lf',
    'not rfc compliant', 'invalid characters', 'argument not permitted', 'invalid argument', '8bitmime', 'pipelining', 'cxsmtp', ...spectrum(1260, 1260), 'per transaction', 'separate transaction',
  ],
  server: [
    'temporary failure', 'temporary error', 'temporary problem', 'temporary system problem', 'temporarily unavailable',
    'resources temporarily unavailable', 'internal resources are temporarily unavailable', 'service unavailable',
    'service not available', 'local error', 'internal error', 'internal server error', 'connection timed out', 'timed out',
    'timeout', 'connection refused', 'lost connection', 'connection reset', 'connection closed', 'connection dropped',
    'network error', 'system problem', 'insufficient system storage', 'insufficient system resources', 'mail loop',
    'loops back to myself', 'looping', 'too many hops', 'hop count exceeded', 'routing loop', 'try again later',
    'please try again', 'try later', 'server error', 'system error', 'unable to connect', 'could not connect',
    'no route to host', 'host unreachable', 'network is unreachable', 'mail server temporarily rejected', 'closed connection',
    'ib101',
    'retry', 'delivery temporarily suspended', 'veuillez essayer plus tard', 'vorubergehend', 'temporalmente',
    'temporaneamente', 'tijdelijk', '一時的',
  ],
  policy: [
    'policy', 'policies', 'not authorized', 'not authorised', 'unauthorized', 'not allowed', 'prohibited', 'administrative prohibition',
    'rejected by', 'refused by', 'delivery not authorized', 'restricted', 'not permitted', 'denied', 'access denied', 'forbidden',
    'blocked', 'rejected', 'refused', 'not accepted', 'message rejected', 'whitelist', 'allowlist', 'gcdp',
    'richtlinie', 'politique', 'politica', 'politica de', 'beleid', 'ポリシー', 'does not accept mail from', ...spectrum(1160, 1190),
  ],
  recipient_generic: [
    'mailbox unavailable', 'address rejected', 'recipient rejected', 'recipient address rejected', 'invalid address',
    'bad address', 'bad recipient', 'recipient invalid', 'not a valid mailbox', 'rcpt rejected', 'invalid rcpt',
    'requested action not taken: mailbox', 'destinataire refuse', 'empfanger abgelehnt', 'destinatario rechazado',
  ],
  delivered: [
    'has been delivered to the following recipients', 'delivery to the following recipients succeeded', 'your message has been delivered',
    'successfully delivered', 'was delivered successfully', 'delivered to mailbox', 'delivery succeeded',
  ],
};

/** Authentication phrases, by the check each names. */
export const authenticationPhrases: Readonly<Record<AuthCheck, readonly string[]>> = {
  spf: [
    'spf', 'sender policy framework', 'spf fail', 'spf check failed', 'fails to pass spf', 'spf validation', 'spf record',
    'spf hard fail', 'spf softfail', 'not designated', 'does not designate', 'cxsndr', 'ib508', 'not permitted sender', 'not an authorized sender', 'spf-fehler',
  ],
  dkim: [
    'dkim', 'domainkeys', 'dkim signature', 'dkim does not pass', 'dkim fail', 'no valid dkim', 'dkim verification failed',
  ],
  dmarc: [
    'dmarc', 'dmarc policy', 'dmarc evaluation', 'dmarc fail', 'dmarc reject', 'dmarc verification', 'dmarcrejection',
    'isn\'t aligned', 'not aligned', 'alignment', 'header.from',
  ],
  ptr: [
    'ptr', 'ptr record', 'reverse dns', 'reverse-dns', 'rdns', 'reverse hostname', 'cannot find your hostname',
    'reverse lookup', 'reverse mapping', 'pointer record', 'fcrdns', 'forward-confirmed', 'no reverse', 'full circle dns', 'cxdns',
    'ib108', ...spectrum(1100, 1150),
  ],
  multiple: [
    'unauthenticated', 'sender is unauthenticated', 'authentication level', 'authentication checks', 'authentication information',
    'fails to pass authentication', 'not authenticated', 'failing both spf and dkim', 'spf and dkim', 'authentication results',
    'nicht authentifiziert', 'non authentifie', 'no autenticado', 'nao autenticado', 'non autenticato', 'niet geverifieerd',
  ],
};

/** The SMTP stage a rejection came at: from the MTA's own words around the reply. */
export const smtpStages = ['connect', 'helo', 'mail_from', 'rcpt_to', 'data', 'end_of_data', 'tls'] as const;
export type SmtpStage = (typeof smtpStages)[number];

export const stagePhrases: Readonly<Record<SmtpStage, readonly string[]>> = {
  connect: [
    'refused to talk to me', 'while receiving the initial server greeting', 'after initial connection', 'but greeting failed',
    'banner rejected', 'in reply to initial greeting', 'on connect', 'at connect', 'connect to', 'connection refused by',
    'rejected connection', 'during connection', 'in response to initial connection',
  ],
  helo: [
    'performing the ehlo handshake', 'performing the helo handshake', 'in reply to ehlo command', 'in reply to helo command',
    'after ehlo', 'after helo', 'but my name was rejected', 'ehlo rejected', 'helo rejected', '>>> ehlo', '>>> helo',
    'in response to ehlo', 'in response to helo',
  ],
  mail_from: [
    'in reply to mail from command', 'while sending mail from', 'after mail from', 'after pipelined mail from',
    'but sender was rejected', '>>> mail from', '[mail_from]', 'in response to mail from',
  ],
  rcpt_to: [
    'in reply to rcpt to command', 'while sending rcpt to', 'after rcpt to', 'after pipelined rcpt to', 'does not like recipient',
    '>>> rcpt to', '[rcpt_to]', '(state 14)', 'in response to rcpt to',
  ],
  data: [
    'in reply to data command', 'while sending data command', 'after data', 'after pipelined data', 'failed on data command',
    '>>> data', 'in response to data command',
  ],
  end_of_data: [
    'in reply to end of data command', 'while sending end of data', 'while sending message content', 'after end of data',
    'failed after i sent the message', '>>> .', '[end_of_data]', '(state 18)', '(state 17)', 'in response to end of data',
  ],
  tls: [
    'after starttls', 'starttls dialogue', 'starttls rejected', 'in reply to starttls command', 'cannot start tls',
    'tls is required, but', 'while performing the tls handshake', 'tls handshake failed', 'tls session failure',
    'tls required but not supported', 'in response to starttls',
  ],
};

/** Wording that says the reporting MTA gave up after temporary failures: the delivery expired. */
export const expiryPhrases: readonly string[] = [
  'retry timeout exceeded', 'in the queue too long', 'has been in the queue too long', 'message expired', 'delivery expired',
  'queue.expired', 'could not be delivered for', 'cannot send message for', 'have been failing for a long time',
  'retry time not reached', 'maximum delivery time', 'delivery time expired', 'message timed out', 'gave up', 'giving up on',
  'i\'m not going to try again', 'expired after', 'delivery timeout', 'too long in queue', 'message has expired',
];

/** Wording of a delay warning: the message is still being retried, nothing has failed for good. */
export const delayPhrases: readonly string[] = [
  'this is a warning only', 'will be retried until', 'still being retried', 'delivery incomplete', 'delivery delayed',
  'message delayed', 'will retry for', 'will keep trying', 'delays in delivering your message', 'has not yet been delivered',
  'warning: message', 'delivery status notification (delay)', 'action: delayed', 'will try again',
];

/** Wording of a report that has given up for good, for pastes that carry no reply code. */
export const permanentPhrases: readonly string[] = [
  'this is a permanent error', 'permanent fatal errors', 'delivery has failed to these recipients', 'failed permanently',
  'permanent failure', 'i\'ve given up', 'could not be delivered', 'couldn\'t be delivered', 'wasn\'t delivered', 'was not delivered',
  'undeliverable', 'delivery failure', 'delivery failed', 'unable to deliver', 'zustellung fehlgeschlagen', 'nicht zugestellt',
  'non remis', 'no se pudo entregar', 'nao foi possivel entregar', 'non recapitabile', 'kan niet worden bezorgd', '配信できません',
  '送信に失敗しました', '配信に失敗しました',
];

/** Where the returned copy of the original message starts: nothing after it is part of the report. */
export const returnedMessagePhrases: readonly string[] = [
  'below this line is a copy of the message', 'this is a copy of the message', 'original message headers', 'original message follows',
  'content-type: message/rfc822', 'content-type: text/rfc822-headers', '----- original message -----',
  'message header follows', 'returned message follows', 'the header of the original message', 'content-description: undelivered message',
  'content-description: returned message', '----- unsent message below -----', 'original message header', '-- original message --',
];
