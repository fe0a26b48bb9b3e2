import type { Action, AuthCheck, Category } from './types.js';

/** What a cold-email team should do about one category of failure. */
export interface Guidance {
  action: Action;
  cold_email: string;
  next_steps: readonly string[];
}

interface CategoryGuidance {
  permanent: Guidance;
  /** Used instead when the reply is a temporary (4xx) one; falls back to `permanent`. */
  transient?: Guidance;
}

const checkDomainAuth = [
  'SPF: `dig TXT yourdomain.com +short | grep "v=spf1"` must show exactly one record, and it must include the service that sends for you.',
  'DKIM: `dig CNAME selector1._domainkey.yourdomain.com +short` (use your provider\'s selector) must resolve, and signing must be switched on in the mail admin console.',
  'DMARC: `dig TXT _dmarc.yourdomain.com +short` must return a record; once SPF and DKIM pass, move it from p=none to quarantine, then reject.',
] as const;

const pauseUntilFixed = 'Pause cold sends from the domain until the records are fixed, then confirm with a test message to a seed inbox.';

/** Next steps per failed authentication check; `multiple` walks through all three records. */
export const authSteps: Record<AuthCheck, readonly string[]> = {
  spf: [
    checkDomainAuth[0],
    'Keep SPF under 10 DNS lookups and never end it with +all; merge duplicate SPF records into one.',
    pauseUntilFixed,
  ],
  dkim: [
    checkDomainAuth[1],
    'Make sure the signing domain (d=) is your From domain or its parent, so DKIM also counts for DMARC.',
    pauseUntilFixed,
  ],
  dmarc: [
    checkDomainAuth[2],
    'DMARC needs SPF or DKIM to pass for a domain that matches the From address: check both and their alignment.',
    checkDomainAuth[0],
    checkDomainAuth[1],
  ],
  ptr: [
    'Ask whoever runs the sending IP (mail host, VPS or relay provider) to publish a PTR record for it.',
    'The PTR hostname must resolve back to the same IP: compare `dig -x <sending-ip> +short` with `dig A <that-hostname> +short`.',
    'If you cannot control reverse DNS for the IP, send through a provider that can.',
  ],
  multiple: [...checkDomainAuth, pauseUntilFixed],
};

const guidance: Record<Category, CategoryGuidance> = {
  delivered: {
    permanent: {
      action: 'none',
      cold_email: 'The receiving server took the message. There is nothing to fix.',
      next_steps: ['Nothing to do: this is not a bounce.'],
    },
  },
  invalid_recipient: {
    permanent: {
      action: 'remove_address',
      cold_email:
        'The address is dead or never existed. Each further send to it is another hard bounce, and hard bounces wear down the sending domain fast.',
      next_steps: [
        'Remove the address from every running sequence now.',
        'Run the rest of the list through an email verifier before the next send.',
        'If invalid-address bounces pass 3% of a domain\'s sends, audit where the list came from and how it was verified.',
        'If a domain\'s overall bounce rate passes 7%, pull it from rotation until the list is cleaned.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email: 'The receiver could not check the address just now. It may still be valid.',
      next_steps: ['Let the sequencer retry.', 'If it turns into a permanent (5xx) bounce, remove the address.'],
    },
  },
  mailbox_full: {
    permanent: {
      action: 'remove_address',
      cold_email:
        'The recipient\'s mailbox has no room left. The person may exist, but the mailbox is neglected and further sends only add bounces.',
      next_steps: [
        'Take the address out of the sequence.',
        'If the contact matters, re-add it after about 90 days and verify it first.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email: 'The mailbox is full for now and may accept mail again once its owner clears space.',
      next_steps: ['Let the sequencer retry later.', 'If it still bounces after a few days, drop the address.'],
    },
  },
  rate_limited: {
    permanent: {
      action: 'slow_down',
      cold_email:
        'You are sending more, or faster, than this receiver or your own provider allows from this inbox, domain or IP. Pushing on makes it worse; slowing down fixes it.',
      next_steps: [
        'Spread sends over the working day, with at least 61 minutes between sends from each Outlook inbox.',
        'Lower the daily cold volume per inbox (about 18–22 for Google Workspace, 8–10 for premium Outlook, 3–5 for standard Outlook).',
        'If the deferrals go on for more than 24 hours, check whether the sending IP or domain is being throttled.',
        'Keep new inboxes on warm-up only until they finish it (10–14 days for Outlook, 20–25 for Google Workspace).',
      ],
    },
  },
  greylisted: {
    permanent: {
      action: 'retry',
      cold_email:
        'The receiver turned the first attempt away on purpose because it does not know you yet; a later retry normally goes through.',
      next_steps: [
        'Let the sequencer retry; no change needed.',
        'If many recipients on one domain start deferring at once, note the domain and watch it: its filter may have tightened.',
      ],
    },
  },
  authentication: {
    permanent: {
      action: 'fix_dns_auth',
      cold_email:
        'The receiver could not verify that you may send for your domain. Until SPF, DKIM and DMARC pass and line up with the From address, every send from the domain is at risk.',
      next_steps: authSteps.multiple,
    },
  },
  reputation: {
    permanent: {
      action: 'check_reputation',
      cold_email:
        'The receiver distrusts your sending IP or domain: it is on a blocklist or its reputation has dropped. That is a domain-level problem, not one bad address.',
      next_steps: [
        'Look up the sending IP and domain on the public blocklists (Spamhaus, Spamcop, Barracuda, a multi-list checker) and request delisting where listed.',
        'If this comes from several different recipient servers, pull the domain from rotation now and switch to a warmed reserve.',
        'Find the cause before reactivating: list quality, volume per inbox, copy, or a complaint rate above 0.3%.',
        'Watch the domain and IP in Google Postmaster Tools and Microsoft SNDS.',
      ],
    },
    transient: {
      action: 'slow_down',
      cold_email:
        'The receiver is holding your mail back because it does not trust the sending IP or domain enough. Treat it as an early warning before outright blocks.',
      next_steps: [
        'Cut the volume from the affected inboxes and spread sends out; let the sequencer retry.',
        'Look up the sending IP and domain on the public blocklists and in Google Postmaster Tools / Microsoft SNDS.',
        'If the deferrals last more than 24 hours or spread to other receivers, pull the domain and switch to a warmed reserve.',
      ],
    },
  },
  spam_content: {
    permanent: {
      action: 'rewrite_copy',
      cold_email: 'The receiver\'s filter judged the message itself as spam: the copy, links, attachments or tracking triggered it.',
      next_steps: [
        'Send plain text only: no HTML, images, links or tracking pixels.',
        'Keep it to 25–50 words and drop salesy words such as free, guarantee or urgent.',
        'Vary the copy across inboxes with spintax so no two inboxes send identical text.',
        'Test the new version on a seed inbox before restarting the sequence.',
      ],
    },
  },
  policy: {
    permanent: {
      action: 'investigate',
      cold_email:
        'The receiver refused the message under a rule of its own: its own block list, a limit on who may write to this recipient, or a filtering decision it does not spell out.',
      next_steps: [
        'Check whether it is one recipient domain or many: one domain points at its own filter, many point at your domain.',
        'Look up the sending IP and domain on the public blocklists and re-check SPF, DKIM and DMARC.',
        'If the rule is specific to the recipient (for example, only internal senders allowed), remove the address.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email:
        'The receiver deferred the message under a rule of its own. It may accept it later, but repeated deferrals are a warning sign.',
      next_steps: [
        'Let the sequencer retry and slow the affected inboxes down.',
        'If it keeps happening across recipient domains, check blocklists and SPF, DKIM and DMARC.',
      ],
    },
  },
  sender_credentials: {
    permanent: {
      action: 'fix_credentials',
      cold_email:
        'Your own mail server refused the inbox\'s login or account, so nothing went out. It is an inbox setup problem, not a deliverability one.',
      next_steps: [
        'Google Workspace: create an App Password (Google Account → Security → 2-Step Verification → App passwords) and use it in place of the normal password; smtp.gmail.com, port 587.',
        'Microsoft 365: switch on Authenticated SMTP for the mailbox (admin center → Active users → Mail → Manage email apps) and make sure Security Defaults or a Conditional Access policy is not blocking SMTP AUTH; smtp.office365.com, port 587, STARTTLS.',
        'Use the full email address as the username, strip stray spaces, and update the password everywhere the inbox is connected.',
        'Prefer OAuth where the sending tool offers it, and test the login before the inbox joins a campaign.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email: 'Your mail server could not check the login just now. Nothing went out yet.',
      next_steps: [
        'Retry in a few minutes.',
        'If it keeps failing, check the username and password in the sending tool and stop repeated failed logins.',
      ],
    },
  },
  protocol: {
    permanent: {
      action: 'fix_smtp_settings',
      cold_email:
        'The two servers did not agree on the SMTP conversation or the message format. The mail never reached a spam filter; something in your sending setup needs fixing.',
      next_steps: [
        'Check host, port and encryption in the sending tool (Microsoft 365: 587 with STARTTLS; Google Workspace: 587 TLS or 465 SSL).',
        'Make sure the tool logs in before MAIL FROM and opens a fresh connection after an error instead of carrying on.',
        'Keep the sender name and From address plain ASCII: no emoji, curly quotes or symbols.',
        'Test the connection by hand: `openssl s_client -starttls smtp -connect <host>:587`.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email: 'The SMTP conversation broke off for now; a retry on a fresh connection usually works.',
      next_steps: [
        'Let the sequencer retry.',
        'If it repeats, check host, port and encryption in the sending tool and open fewer parallel connections.',
      ],
    },
  },
  relay_denied: {
    permanent: {
      action: 'fix_smtp_settings',
      cold_email:
        'The server you handed the message to will not pass it on: it is not responsible for the recipient\'s domain, or it does not recognise you as an allowed sender.',
      next_steps: [
        'Make sure the tool sends through your own provider\'s SMTP host and logs in, rather than handing mail to a server that is not the recipient\'s.',
        'Check the recipient domain\'s MX records with `dig MX recipientdomain.com +short`: stale records send mail to the wrong server.',
        'If the recipient domain\'s mail setup is broken, remove the address.',
      ],
    },
  },
  message_too_big: {
    permanent: {
      action: 'rewrite_copy',
      cold_email: 'The message is bigger than the receiver accepts. A cold email should never come close to that.',
      next_steps: [
        'Remove attachments and embedded images.',
        'Send plain text, which keeps the message to a few kilobytes.',
      ],
    },
  },
  server_error: {
    permanent: {
      action: 'investigate',
      cold_email:
        'The receiving system cannot deliver to this address for a technical reason on its side (routing, loops, broken configuration). It will not fix itself by resending.',
      next_steps: [
        'Do not resend as is; check the recipient domain\'s mail setup with `dig MX recipientdomain.com +short`.',
        'If the domain\'s mail is broken, remove the address.',
        'If the same error comes back from many different recipient domains, check your own sending server.',
      ],
    },
    transient: {
      action: 'retry',
      cold_email: 'Something failed on the receiving side or on the network in between; it is usually not your fault.',
      next_steps: [
        'Let the sequencer retry later.',
        'If the same error comes back from many different recipient domains, check your own sending server and its settings.',
      ],
    },
  },
  unknown: {
    permanent: {
      action: 'investigate',
      cold_email: 'There is not enough here to say what went wrong.',
      next_steps: ['Paste the whole bounce line, with the three-digit reply code and the x.y.z status code.'],
    },
  },
};

/** The guidance for a category, picking the temporary variant for 4xx replies when there is one. */
export function guidanceFor(category: Category, transient: boolean): Guidance {
  const entry = guidance[category];
  return (transient ? entry.transient : undefined) ?? entry.permanent;
}
