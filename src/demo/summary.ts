import { count, whole } from '../health/format.js';
import type { DemoOptions } from './fleet.js';
import { fleetDays } from './fleet.js';
import type { LoadSummary, RowCounts } from './load.js';
import { roleSpecs, specialRoles } from './roles.js';

/** Names shown per role before "… and N more". */
const shownNames = 3;

function rowList(counts: RowCounts): string {
  return [
    count(counts.domains, 'domain'),
    count(counts.inboxes, 'inbox', 'inboxes'),
    count(counts.sendRows, 'daily_sends row'),
    count(counts.bounceEvents, 'bounce event'),
    count(counts.complaintRows, 'complaint row'),
    count(counts.statusChanges, 'status change'),
  ].join(', ');
}

/** What `smtp-desk demo` prints after a load: the fleet, what was new, the time, and which domain shows what. */
export function renderSummary(options: DemoOptions, summary: LoadSummary): string {
  const days = fleetDays(options);
  const lastDay = days[days.length - 1]!;
  const { generated, added } = summary;
  const providers = [...summary.providers].sort(([a], [b]) => a.localeCompare(b)).map(([provider, domains]) => `${whole(domains)} ${provider}`).join(', ');
  const nothingAdded = Object.values(added).every((n) => n === 0);
  const lines = [
    `Demo fleet (seed ${options.seed}): ${count(generated.domains, 'domain')} (${providers}), ${count(generated.inboxes, 'inbox', 'inboxes')}, ${count(days.length, 'day')} ${days[0]} … ${lastDay} (UTC).`,
    `  ${count(generated.sent, 'message')} sent (${count(generated.sendRows, 'daily_sends row')}), ${count(generated.bounceEvents, 'bounce event')} (${count(generated.bounces, 'bounce')}, ${count(generated.deferrals, 'deferral')}), ${count(generated.complaintRows, 'complaint row')}, ${count(generated.statusChanges, 'status change')}.`,
    nothingAdded ? '  New in the database: nothing (this fleet was loaded before).' : `  New in the database: ${rowList(added)}.`,
    `  Took ${(summary.milliseconds / 1000).toFixed(1)} s.`,
    '',
    `Domains made to break rules in the digest of ${lastDay} (the day the digest judges on ${options.today}):`,
  ];
  for (const role of specialRoles) {
    const domains = summary.roles.get(role);
    if (!domains) continue;
    if (role === 'pulled_for_bounces') lines.push('', 'Out of rotation (not judged; reserves are the rotation candidates):');
    const more = domains.length > shownNames ? ` … and ${whole(domains.length - shownNames)} more` : '';
    lines.push(`  ${roleSpecs[role].label} → ${domains.slice(0, shownNames).join(', ')}${more}`);
  }
  return lines.join('\n');
}
