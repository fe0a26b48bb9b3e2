import type { Category } from '../../src/knowledge/types.js';

/**
 * What a cold-email lead expects from a reply, by its wording: the first pattern that matches the
 * reply text names the categories they would accept. Ordered from the most telling wording down
 * (a "rate limited because SPF did not pass" reply is about SPF, not speed).
 */
export const expectationsByWording: readonly (readonly [RegExp, readonly Category[]])[] = [
  [/over quota|out of storage/i, ['mailbox_full']],
  [/journaling|generic error/i, ['server_error', 'policy']],
  [/unusual rate/i, ['rate_limited', 'reputation']],
  [/denial of service/i, ['server_error', 'rate_limited']],
  [/submission quota|relay limit|sending quota|email quota|daily limit|receive limit|too quickly|at a rate that|thread limit|per connection|excessive volume|maximum number of connections|exceeded permitted limits/i, ['rate_limited']],
  [/\bptr\b|pointer|reverse dns/i, ['authentication']],
  [/\bspf\b|\bdkim\b|dmarc|sender policy framework|unauthenticated (?:email|sender)|sender is unauthenticated|authentication (?:information|checks|level)|isn't aligned/i, ['authentication']],
  [/blocked senders|envelope blocked|sender address blocked|not authenticated (?:by|for)|sender (?:was )?not authenticated|allowed-senders|unregistered domains/i, ['policy']],
  [/password|log in|authentication required|not authenticated to send|client was not authenticated|sending denied|login attempts|authentication type|xoauth|banned sender|spam abuse|bad outbound sender|cannot authenticate/i, ['sender_credentials', 'reputation', 'server_error']],
  [/does not exist|doesn't have a|no longer valid|mailbox is disabled|mailbox not found|invalid recipient|recipient not found|inactive|is disabled|unknown or illegal alias|no longer on server|banned recipient|recipient address rejected|mailbox unavailable|bad destination mailbox|find the recipient domain|recipient address .{0,20}not a valid|sender denied/i, ['invalid_recipient']],
  [/relay/i, ['relay_denied', 'policy']],
  [/size limit|google's limit|message size/i, ['message_too_big']],
  // The sender's own domain not resolving is fixed in its DNS, with the authentication records.
  [/sender address rejected: domain not found|unresolvable rfc\.?5321 from domain/i, ['authentication', 'protocol']],
  [/syntax|command|header|rfc ?5322|malformed|helo|too many recipients|protocol|identity|invalid characters|ipv6|sender address|from domain|transaction|bdat|first\.|argument/i, ['protocol']],
  [/blocked using|spamhaus|block ?list|blacklist|reputation|banned sending ip|proofpoint|not accepting connections|complaints|permanently deferred|unsolicited mail originating|too many spams|service refus|temporarily deferred|access denied|blocked by/i, ['reputation', 'rate_limited', 'policy']],
  [/spam|content|attachment|security polic|policy/i, ['spam_content', 'policy']],
  [/tls|starttls|encryption|dane|dnssec|certificate|mta-sts/i, ['protocol', 'server_error']],
  [/try again|temporar|busy|time-?out|expired|loop|hops|connection/i, ['server_error', 'rate_limited', 'greylisted', 'reputation', 'policy']],
  [/not authorized|allowed|not accepted|prohibited|allowlist|whitelist|rejected by/i, ['policy', 'reputation']],
];

/** The categories a lead would accept for a reply text, or undefined when its wording says too little. */
export function expectedCategories(text: string): readonly Category[] | undefined {
  return expectationsByWording.find(([pattern]) => pattern.test(text))?.[1];
}
