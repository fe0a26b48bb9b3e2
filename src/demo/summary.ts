import { whole } from '../health/format.js';
import type { DemoOptions } from './fleet.js';
import { fleetDays } from './fleet.js';
import type { LoadSummary, RowCounts } from './load.js';
import { roleSpecs, specialRoles } from './roles.js';

/** Names shown per role before "… and N more". */
const shownNames = 3;

function rowList(counts: RowCounts): string {
  return [
    `${whole(counts.domains)} domains`,
    `${whole(counts.inboxes)} inboxes`,
    `${whole(counts.sendRows)} daily_sends rows`,
    `${whole(counts.bounceEvents)} bounce events`,
    `${whole(counts.complaintRows)} complaint rows`,
    `${whole(counts.statusChanges)} status changes`,
  ].join(', ');
}

/** What `smtp-desk demo` prints after a load: the fleet, what was new, the time, and which domain shows what. */
export function renderSummary(options: DemoOptions, summary: LoadSummary): string {
  const days = fleetDays(options);
  const lastDay = days[days.length - 1]!;
  const { generated, added } = summary;
  const providers = [...summary.providers].sort(([a], [b]) => a.localeCompare(b)).map(([provider, count]) => `${whole(count)} ${provider}`).join(', ');
  const nothingAdded = Object.values(added).every((n) => n === 0);
  const lines = [
    `Demo fleet (seed ${options.seed}): ${whole(generated.domains)} domains (${providers}), ${whole(generated.inboxes)} inboxes, ${days.length} days ${days[0]} … ${lastDay} (UTC).`,
    `  ${whole(generated.sent)} messages sent (${whole(generated.sendRows)} daily_sends rows), ${whole(generated.bounceEvents)} bounce events (${whole(generated.bounces)} bounces, ${whole(generated.deferrals)} deferrals), ${whole(generated.complaintRows)} complaint rows, ${whole(generated.statusChanges)} status changes.`,
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
