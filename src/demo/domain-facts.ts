import type { BounceRecord } from '../store/bounce-record.js';
import type { ComplaintRecord } from '../store/complaints.js';
import type { StatusChange } from '../store/fleet.js';
import type { SendRecord } from '../store/sends.js';
import { addDays, sendingWindowHours, type DomainPlan, type FleetShape } from './fleet.js';
import { endClean, healthyEvents, realiseEvents, type DayContext, type GeneratedEvent } from './events.js';
import { inboxProfiles } from './profiles.js';
import { randomFor, type Random } from './random.js';
import { roleSpecs } from './roles.js';
import { dayScripts, pullTriggerOffsets, type PlannedEvent } from './scripts.js';

/** Every row the demo stores about one domain. */
export interface DomainFacts {
  plan: DomainPlan;
  sends: SendRecord[];
  bounces: BounceRecord[];
  complaints: ComplaintRecord[];
  statusChanges: StatusChange[];
}

const statusActor = 'demo';

/** The history rows that put a pulled or reserved domain where its role needs it. */
function statusChanges(shape: FleetShape, plan: DomainPlan): StatusChange[] {
  const lastDay = shape.days[shape.days.length - 1]!;
  const firstDay = shape.days[0]!;
  const change = (at: string, reason: string): StatusChange => ({
    domain: plan.domain,
    to: roleSpecs[plan.role].status,
    from: ['active'],
    actor: statusActor,
    source: 'demo',
    reason,
    at: new Date(at),
  });
  switch (plan.role) {
    case 'pulled_for_bounces': {
      const trigger = addDays(lastDay, -Math.min(pullTriggerOffsets.pulled_for_bounces, shape.days.length - 1));
      return [change(`${addDays(trigger, 1)}T09:30:00Z`, `bounce_rate over 7 % in the digest of ${trigger}`)];
    }
    case 'pulled_for_complaints': {
      const trigger = addDays(lastDay, -Math.min(pullTriggerOffsets.pulled_for_complaints, shape.days.length - 1));
      return [change(`${addDays(trigger, 1)}T10:05:00Z`, `complaint_rate over 0.3 % in the digest of ${trigger}`)];
    }
    case 'reserved':
      return [change(`${addDays(firstDay, -1)}T16:00:00Z`, 'warm-up finished; kept as a warmed spare for rotation')];
    default:
      return [];
  }
}

/**
 * A healthy day's complaint row: Google Workspace domains get a Postmaster-style spam rate (0–0.12 %),
 * the others a feedback-loop count of 0 (one complaint in a day's ~100 sends would already be over 0.3 %).
 */
function healthyComplaint(plan: DomainPlan, random: Random): Pick<ComplaintRecord, 'complaints' | 'spam_rate'> {
  return plan.provider === 'google'
    ? { complaints: null, spam_rate: Math.round(random.next() * 12) / 10_000 }
    : { complaints: 0, spam_rate: null };
}

/** A domain's sends, bounce events and complaints for every generated day, and its status history. */
export function domainFacts(shape: FleetShape, plan: DomainPlan): DomainFacts {
  const { seed } = shape.options;
  const profile = inboxProfiles[plan.inboxType];
  const facts: DomainFacts = { plan, sends: [], bounces: [], complaints: [], statusChanges: statusChanges(shape, plan) };
  shape.days.forEach((day, dayIndex) => {
    const script = dayScripts[plan.role](shape.days.length - 1 - dayIndex, shape.days.length);
    if (!script.sends) return;
    const random = randomFor(seed, 'day', plan.index, day);
    const sends = plan.inboxes.map(() => random.int(profile.sendsPerDay[0], profile.sendsPerDay[1]));
    const sent = sends.reduce((a, b) => a + b, 0);
    plan.inboxes.forEach((inbox, i) => facts.sends.push({ day, sending_inbox: inbox, sent: sends[i]! }));

    const planned: PlannedEvent[] = [
      ...(script.events ? script.events(sent, random) : healthyEvents(sent, random, plan)),
      ...(script.extra?.(random) ?? []),
    ];
    if (script.throttleEveryHour) {
      for (let hour = plan.windowStart; hour < plan.windowStart + sendingWindowHours; hour++) {
        planned.push(...Array.from({ length: random.int(1, 2) }, () => ({ kind: 'throttled' as const, hour })));
      }
    }
    const context: DayContext = {
      plan,
      day,
      random,
      sends,
      sent,
      recipientDomains: shape.recipientDomains,
      idPrefix: `demo-${seed}-${plan.index}-${day.replaceAll('-', '')}`,
    };
    const events: GeneratedEvent[] = realiseEvents(context, planned, script.max554 ?? 2);
    const kept = script.throttleEveryHour ? events : endClean(events);
    facts.bounces.push(...kept.map((event) => event.record));

    const complaint = script.complaint === undefined ? healthyComplaint(plan, random) : script.complaint;
    if (complaint) facts.complaints.push({ day, sending_domain: plan.domain, ...complaint });
  });
  return facts;
}
