import type { BounceRecord } from '../../src/store/bounce-record.js';
import { insertBounces } from '../../src/store/bounces.js';
import { upsertComplaints } from '../../src/store/complaints.js';
import { upsertDomains } from '../../src/store/fleet.js';
import type { Queryable } from '../../src/store/store.js';
import { upsertSends } from '../../src/store/sends.js';

/** The domains of the crafted fleet made bad on the digest day, with the verdict and the rules each must get. */
export const badDomains = {
  'bounces.example': { verdict: 'pull', rules: ['bounce_rate', 'invalid_rate'] },
  'blocked.example': { verdict: 'pull', rules: ['reputation_block'] },
  'spf.example': { verdict: 'fix', rules: ['auth_failure'] },
  'filter.example': { verdict: 'watch', rules: ['reputation_block'] },
} as const;

export const healthyDomains = ['clean-a.example', 'clean-b.example', 'clean-c.example'];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function bounce(day: string, inbox: string, recipient: string, reply: Pick<BounceRecord, 'reply_code' | 'enhanced_code' | 'category' | 'auth_check'>, n: number): BounceRecord {
  return {
    occurred_at: new Date(`${day}T12:${String(n % 60).padStart(2, '0')}:00Z`),
    sending_inbox: inbox,
    recipient,
    ...reply,
    diagnostic: `${reply.reply_code} ${reply.enhanced_code} ${recipient} ${n}`,
    provider: null,
    sequencer: 'generic',
    campaign: null,
    external_id: null,
  };
}

/**
 * A small fleet through the store's own writers: a week of clean sending for every domain, then on
 * `day` four domains go bad (see badDomains), a new domain sends too little to be judged, and a
 * pulled domain bounces without being judged.
 */
export async function loadBadFleet(db: Queryable, day: string): Promise<void> {
  const all = [...healthyDomains, ...Object.keys(badDomains), 'tiny.example', 'pulled.example'];
  await upsertDomains(db, [...all.filter((d) => d !== 'pulled.example').map((domain) => ({ domain })), { domain: 'pulled.example', status: 'pulled' }]);
  const sends = [];
  for (let i = 7; i >= 0; i--) {
    for (const domain of all) {
      if (domain === 'tiny.example' && i > 0) continue;
      sends.push({ day: addDays(day, -i), sending_inbox: `ana@${domain}`, sent: domain === 'tiny.example' ? 10 : 500 });
    }
  }
  await upsertSends(db, sends);
  const invalid = { reply_code: 550, enhanced_code: '5.1.1', category: 'invalid_recipient', auth_check: null };
  const blocked = { reply_code: 554, enhanced_code: '5.7.1', category: 'reputation', auth_check: null };
  const spf = { reply_code: 550, enhanced_code: '5.7.27', category: 'authentication', auth_check: 'spf' };
  const events: BounceRecord[] = [];
  for (let n = 0; n < 40; n++) events.push(bounce(day, 'ana@bounces.example', `lead${n}@prospect${n % 6}.example`, invalid, n));
  for (let n = 0; n < 3; n++) events.push(bounce(day, 'ana@blocked.example', `cto@receiver${n}.example`, blocked, n));
  for (let n = 0; n < 2; n++) events.push(bounce(day, 'ana@spf.example', `ops${n}@gmail.com`, spf, n));
  for (let n = 0; n < 2; n++) events.push(bounce(day, 'ana@filter.example', `cfo${n}@strict.example`, blocked, n));
  for (let n = 0; n < 5; n++) events.push(bounce(day, 'ana@tiny.example', `x${n}@gmail.com`, invalid, n));
  for (let n = 0; n < 60; n++) events.push(bounce(day, 'ana@pulled.example', `y${n}@gmail.com`, invalid, n));
  events.push(bounce(day, 'ana@clean-a.example', 'typo@gmail.com', invalid, 1));
  await insertBounces(db, events);
  await upsertComplaints(db, [{ day, sending_domain: 'clean-b.example', complaints: 1, spam_rate: null }]);
}
