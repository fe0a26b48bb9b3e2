import type { ComplaintRecord } from '../store/complaints.js';
import type { EventKind, RecipientSystem } from './bounce-texts.js';
import type { Random } from './random.js';
import type { Role } from './roles.js';

/** One receiver reply to generate; the system and recipient domain are chosen at random unless given. */
export interface PlannedEvent {
  kind: EventKind;
  system?: RecipientSystem;
  /** Pick one recipient domain for every event sharing this key (one receiver's filter). */
  sameDomainKey?: string;
  /** UTC hour of the event; a random hour of the sending window when not given. */
  hour?: number;
}

/** What a domain does on one day. */
export interface DayScript {
  /** Whether its inboxes sent (false: not started yet, pulled, or a reserve that only warms up). */
  sends: boolean;
  /** The day's events; undefined gives the healthy random mix. */
  events?: (sent: number, random: Random) => PlannedEvent[];
  /** Events on top of the day's mix. */
  extra?: (random: Random) => PlannedEvent[];
  /** The most 554 replies the day may get where a reply without 554 exists (default 2, under the spike_554 floor of 5). */
  max554?: number;
  /** A throttling deferral in every hour of the sending window (persistent_421). */
  throttleEveryHour?: boolean;
  /** A complaint row to store instead of the healthy one; null stores none. */
  complaint?: Pick<ComplaintRecord, 'complaints' | 'spam_rate'> | null;
}

const repeat = (count: number, event: PlannedEvent): PlannedEvent[] => Array.from({ length: count }, () => event);

/**
 * A stale list: some invalid addresses and dead company domains (both read as invalid recipients,
 * under 3 % together), many abandoned full mailboxes: over 7 % bounces.
 */
const staleList = (sent: number): PlannedEvent[] => {
  const invalid = Math.floor(sent * 0.01);
  const deadDomains = Math.floor(sent * 0.01);
  // Whatever the volume, the bounces together end up over the 7 % line (8 %, and at least one more).
  const fullMailboxes = Math.floor(sent * 0.08) + 1 - invalid - deadDomains;
  return [
    ...repeat(invalid, { kind: 'invalid' }),
    ...repeat(deadDomains, { kind: 'dead_domain' }),
    ...repeat(fullMailboxes, { kind: 'mailbox_full' }),
  ];
};

const healthy: DayScript = { sends: true };

/** Days before the pull: healthy; the digest day that triggered it: `trigger`; after: nothing sent. */
function pulledAfter(offset: number, triggerOffset: number, trigger: DayScript): DayScript {
  if (offset > triggerOffset) return healthy;
  return offset === triggerOffset ? trigger : { sends: false };
}

/** How many days before the last day the pulled domains were flagged (the pull follows a day later). */
export const pullTriggerOffsets = { pulled_for_bounces: 3, pulled_for_complaints: 6 } as const;

/**
 * Each role's day by `offset` (0 = the last generated day, the one the digest judges; 1 = the day
 * before …) in a window of `days` days. Counts are chosen so the role's rule fires for certain and
 * no other rule does, at the volumes its inbox type sends.
 */
export const dayScripts: Readonly<Record<Role, (offset: number, days: number) => DayScript>> = {
  healthy: () => healthy,
  bounce_rate: (offset) => (offset === 0 ? { sends: true, events: staleList } : healthy),
  complaint_rate_reported: (offset) => {
    const rates = [0.0041, 0.0024, 0.0017];
    const spam_rate = rates[offset];
    return spam_rate === undefined ? healthy : { sends: true, complaint: { complaints: null, spam_rate } };
  },
  complaint_rate_counted: (offset) =>
    offset === 0 ? { sends: true, complaint: { complaints: 2, spam_rate: null } } : healthy,
  invalid_rate: (offset) =>
    offset === 0 ? { sends: true, events: (sent) => repeat(Math.floor(sent * 0.045) + 1, { kind: 'invalid' }) } : healthy,
  reputation_block_pull: (offset) =>
    offset === 0
      ? {
          sends: true,
          events: () => [
            { kind: 'reputation', system: 'microsoft' },
            { kind: 'reputation', system: 'google' },
            { kind: 'reputation', system: 'postfix' },
            { kind: 'invalid' },
          ],
        }
      : healthy,
  reputation_block_watch: (offset) =>
    offset === 0
      ? {
          sends: true,
          events: () => [...repeat(2, { kind: 'reputation', system: 'microsoft', sameDomainKey: 'filter' }), { kind: 'invalid' }],
        }
      : healthy,
  spike_554: (offset) => {
    if (offset === 0) return { sends: true, events: () => repeat(8, { kind: 'relay_554' }) };
    if (offset <= 7) return { sends: true, max554: 0, extra: (random) => repeat(random.int(0, 2), { kind: 'relay_554' }) };
    return healthy;
  },
  auth_failure: (offset) =>
    offset === 0 ? { sends: true, events: () => [...repeat(2, { kind: 'auth_spf' }), { kind: 'auth_dmarc' }] } : healthy,
  persistent_421: (offset) => (offset <= 1 ? { sends: true, throttleEveryHour: true } : healthy),
  low_volume: (offset) => {
    if (offset > 2) return { sends: false };
    return { sends: true, complaint: null, events: () => (offset === 0 ? [{ kind: 'invalid' }] : []) };
  },
  pulled_for_bounces: (offset, days) =>
    pulledAfter(offset, Math.min(pullTriggerOffsets.pulled_for_bounces, days - 1), { sends: true, events: staleList }),
  pulled_for_complaints: (offset, days) =>
    pulledAfter(offset, Math.min(pullTriggerOffsets.pulled_for_complaints, days - 1), {
      sends: true,
      complaint: { complaints: 3, spam_rate: null },
    }),
  reserved: () => ({ sends: false }),
};
