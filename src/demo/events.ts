import { classifyBounce } from '../knowledge/bounce-reading.js';
import type { BounceRecord } from '../store/bounce-record.js';
import { bounceTexts, leadingReplyCode, type BounceText, type RecipientSystem } from './bounce-texts.js';
import { sendingWindowHours, type DomainPlan } from './fleet.js';
import { prospectAddress } from './names.js';
import type { Random } from './random.js';
import type { PlannedEvent } from './scripts.js';

/** Share of sends that get each reply on a healthy day (invalid is scaled by the domain's list quality). */
const healthyRates = {
  invalid: 0.011,
  disabled: 0.0015,
  mailbox_full: 0.0008,
  over_quota: 0.0005,
  greylisted: 0.004,
  throttled: 0.0015,
} as const;

/**
 * A healthy day's replies: mostly 5.1.1 list problems around 1–2 %, a few full mailboxes, greylisting
 * and throttling. Kept under every digest line (invalid ≤ 3 %, bounces ≤ 7 %) so only the domains made
 * to break a rule are flagged.
 */
export function healthyEvents(sent: number, random: Random, plan: DomainPlan): PlannedEvent[] {
  const invalidCap = Math.floor(sent * 0.03);
  const invalid = Math.min(invalidCap, random.poisson(sent * healthyRates.invalid * plan.listQuality));
  const disabled = Math.min(invalidCap - invalid, random.poisson(sent * healthyRates.disabled));
  const counts = {
    invalid,
    disabled,
    mailbox_full: Math.min(Math.floor(sent * 0.07) - invalid - disabled, random.poisson(sent * healthyRates.mailbox_full)),
    over_quota: random.poisson(sent * healthyRates.over_quota),
    greylisted: random.poisson(sent * healthyRates.greylisted),
    throttled: random.poisson(sent * healthyRates.throttled),
  };
  return Object.entries(counts).flatMap(([kind, count]) =>
    Array.from({ length: count }, () => ({ kind: kind as PlannedEvent['kind'] })),
  );
}

const exchangeHosts = [
  'BN8NAM12FT041.eop-nam12.prod.protection.outlook.com',
  'AM4PEPF00027A6C.eurprd04.prod.outlook.com',
  'CY4PEPF0000EDD3.namprd03.prod.outlook.com',
  'DB5PEPF00014B9A.eurprd02.prod.outlook.com',
] as const;

const hex = (random: Random, length: number) =>
  Array.from({ length }, () => '0123456789abcdef'[random.int(0, 15)]).join('');

/** Gmail's per-message trailer, e.g. `d9443c01a7336-2b2f1a4c1f3si1234567pld.12 - gsmtp`. */
const gsmtpTrailer = (random: Random) =>
  `${hex(random, 13)}-${hex(random, 11)}si${random.int(1_000_000, 9_999_999)}pld.${random.int(1, 400)} - gsmtp`;

export interface DayContext {
  plan: DomainPlan;
  day: string;
  random: Random;
  /** Messages per inbox this day (same order as plan.inboxes). */
  sends: readonly number[];
  sent: number;
  recipientDomains: Readonly<Record<RecipientSystem, readonly string[]>>;
  /** Identifies the events of this domain and day: `demo-<seed>-<domain index>-<yyyymmdd>`. */
  idPrefix: string;
}

/** An event together with the kind it was generated as (the loader stores only the record). */
export interface GeneratedEvent {
  kind: PlannedEvent['kind'];
  record: BounceRecord;
}

function pickInbox(context: DayContext): string {
  let n = context.random.int(0, Math.max(0, context.sent - 1));
  for (let i = 0; i < context.sends.length; i++) {
    n -= context.sends[i]!;
    if (n < 0) return context.plan.inboxes[i]!;
  }
  return context.plan.inboxes[0]!;
}

function fill(template: BounceText, context: DayContext, recipient: string, recipientDomain: string): string {
  const { random, plan } = context;
  return template.text
    .replaceAll('{rcpt}', recipient)
    .replaceAll('{rdomain}', recipientDomain)
    .replaceAll('{sender}', plan.domain)
    .replaceAll('{ip}', plan.ip)
    .replaceAll('{gsmtp}', gsmtpTrailer(random))
    .replaceAll('{exo}', random.pick(exchangeHosts));
}

/**
 * Turns planned events into bounce records: a reply text from the catalogue, a prospect at a
 * receiving domain, a sending inbox (weighted by its sends), a time in the sending window, and the
 * classification smtp-desk's importer would store (classifyBounce on the text).
 */
export function realiseEvents(context: DayContext, planned: readonly PlannedEvent[], max554: number): GeneratedEvent[] {
  const { random, plan, day } = context;
  const sharedDomains = new Map<string, string>();
  let count554 = 0;
  return planned.map((event, k) => {
    let templates = bounceTexts[event.kind].filter((t) => event.system === undefined || t.system === event.system);
    const without554 = templates.filter((t) => leadingReplyCode(t.text) !== 554);
    if (count554 >= max554 && without554.length > 0) templates = without554;
    const template = random.pick(templates);
    if (leadingReplyCode(template.text) === 554) count554++;
    const pool = context.recipientDomains[template.system];
    let recipientDomain = random.pick(pool);
    if (event.sameDomainKey !== undefined) {
      recipientDomain = sharedDomains.get(event.sameDomainKey) ?? recipientDomain;
      sharedDomains.set(event.sameDomainKey, recipientDomain);
    }
    const recipient = prospectAddress(random, recipientDomain);
    const diagnostic = fill(template, context, recipient, recipientDomain);
    const hour = event.hour ?? plan.windowStart + random.int(0, sendingWindowHours - 1);
    const occurred_at = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}Z`);
    const classified = classifyBounce(diagnostic);
    return {
      kind: event.kind,
      record: {
        occurred_at,
        sending_inbox: pickInbox(context),
        recipient,
        reply_code: classified.reply_code,
        enhanced_code: classified.enhanced_code,
        diagnostic,
        category: classified.category,
        auth_check: classified.auth_check,
        provider: classified.provider,
        smtp_stage: classified.smtp_stage,
        sequencer: plan.sequencer,
        campaign: plan.campaign,
        external_id: `${context.idPrefix}-${k}`,
      },
    };
  });
}

/**
 * Keeps a healthy day from ending throttled: when its last event is a throttling deferral, it swaps
 * times with the latest other event (or, with no other event, the deferrals are dropped), so no
 * throttling streak runs past the day and persistent_421 stays with the domains made to break it.
 */
export function endClean(events: GeneratedEvent[]): GeneratedEvent[] {
  const time = (e: GeneratedEvent) => e.record.occurred_at.getTime();
  const others = events.filter((e) => e.kind !== 'throttled');
  if (others.length === 0) return [];
  const last = events.reduce((a, b) => (time(b) > time(a) ? b : a));
  if (last.kind !== 'throttled') return events;
  const latestOther = others.reduce((a, b) => (time(b) > time(a) ? b : a));
  [last.record.occurred_at, latestOther.record.occurred_at] = [latestOther.record.occurred_at, last.record.occurred_at];
  return events;
}
