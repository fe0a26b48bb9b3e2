import { digestDayAt } from '../day.js';
import { normaliseDomain } from '../domain-name.js';
import { decideDomainStatus } from '../fleet/decide.js';
import { domainStatuses, nextStatuses, type DomainStatus } from '../fleet/lifecycle.js';
import { percent } from '../health/format.js';
import { recentDomainDays, type DaySendsAndBounces } from '../store/domain-days.js';
import { domainHistory, getDomain, type DomainRow, type StatusHistoryRow } from '../store/fleet.js';
import { latestSync, type OutboxRow } from '../store/outbox.js';
import { syncSentence, toolNames } from '../sync/words.js';
import { readArgs } from './args.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const domainUsage = [
  'usage: smtp-desk domain <domain> [--json]',
  '       smtp-desk domain <domain> --set active|pulled|reserved --actor <name> [--reason <text>]',
].join('\n');

type DomainOptions =
  | { kind: 'help' }
  | { kind: 'show'; domain: string; json: boolean }
  | { kind: 'set'; domain: string; to: DomainStatus; actor: string; reason: string | null };

const isStatus = (value: string): value is DomainStatus => (domainStatuses as readonly string[]).includes(value);

const flags = {
  set: { type: 'string' },
  actor: { type: 'string' },
  reason: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parse the verb's arguments; a string is a usage error to report. */
function parseArguments(argv: string[]): DomainOptions | string {
  const words: string[] = [];
  const values: Record<'set' | 'actor' | 'reason', string | undefined> = { set: undefined, actor: undefined, reason: undefined };
  let json = false;
  for (const arg of readArgs(argv, flags)) {
    if (arg.kind === 'option' && arg.name === 'help') return { kind: 'help' };
    if (arg.kind === 'option' && arg.name === 'json') json = true;
    else if (arg.kind === 'option') {
      if (arg.value === undefined || arg.value.trim() === '') return `--${arg.name} needs a value`;
      values[arg.name as keyof typeof values] = arg.value.trim();
    } else if (arg.raw.startsWith('-')) return `unknown option "${arg.raw}"`;
    else words.push(arg.raw);
  }
  if (words.length !== 1) return words.length === 0 ? 'give the domain' : `give one domain, not ${words.length}`;
  const domain = normaliseDomain(words[0]!);
  if (domain === null) return words[0]!.trim() === '' ? 'give the domain' : `"${words[0]}" is not a domain name`;
  const { set: to, actor, reason } = values;
  if (to === undefined) {
    if (actor !== undefined || reason !== undefined) return '--actor and --reason go with --set';
    return { kind: 'show', domain, json };
  }
  if (json) return '--json shows a domain; it does not go with --set';
  if (!isStatus(to)) return `--set takes active, pulled or reserved, not "${to}"`;
  if (actor === undefined) return '--set needs --actor <name> (who decided, for the history)';
  return { kind: 'set', domain, to, actor, reason: reason ?? null };
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** When a sync row settled, or was queued while it is pending. */
const syncAt = (row: OutboxRow) => row.settled_at ?? row.created_at;

function render(domain: DomainRow, history: readonly StatusHistoryRow[], days: readonly DaySendsAndBounces[], sync: readonly OutboxRow[]): string {
  const lines = [`${domain.domain}: ${domain.status} since ${when(domain.status_changed_at)} · provider ${domain.provider ?? 'unknown'}`, '', 'History (oldest first):'];
  if (history.length === 0) lines.push('  no status changes yet');
  for (const row of history) {
    lines.push(`  ${when(row.at)}  ${row.from_status ?? '?'} → ${row.to_status}  by ${row.actor} (${row.source})${row.reason ? `  ${row.reason}` : ''}`);
  }
  lines.push('', 'Sending tools (the last decision in each):');
  if (sync.length === 0) lines.push('  nothing carried to a sending tool yet');
  for (const row of sync) lines.push(`  ${when(syncAt(row))}  ${syncSentence(row)}`);
  lines.push('', 'Last 7 complete days (UTC):', '  day           sent  bounces  bounce rate');
  for (const day of days) {
    lines.push(`  ${day.day}  ${String(day.sent).padStart(6)}  ${String(day.bounces).padStart(7)}  ${(day.bounce_rate === null ? '–' : percent(day.bounce_rate)).padStart(11)}`);
  }
  return lines.join('\n');
}

/** The whole history, oldest first (domainHistory gives the newest first). */
const historyLimit = 10_000;

async function show(io: CliIo, options: { domain: string; json: boolean }): Promise<number> {
  return withContext(io, async (context) => {
    const db = context.store.pool;
    const domain = await getDomain(db, options.domain);
    if (!domain) return unknownDomain(io, options.domain);
    const history = (await domainHistory(db, domain.domain, historyLimit)).reverse();
    // The 7 complete days, ending with the day the digest judges (as on the /smtp domain card).
    const days = await recentDomainDays(db, domain.domain, digestDayAt(context.now(), context.config.DIGEST_TZ));
    const sync = await latestSync(db, domain.domain);
    if (!options.json) {
      writeLine(io.stdout, render(domain, history, days, sync));
      return exitCodes.ok;
    }
    const json = {
      domain: domain.domain,
      status: domain.status,
      history: history.map((row) => ({ at: row.at.toISOString(), actor: row.actor, from: row.from_status, to: row.to_status, reason: row.reason, source: row.source })),
      days,
      sync: sync.map((row) => ({ tool: row.tool, action: row.action, state: row.state, inboxes: row.inboxes, error: row.error, at: syncAt(row).toISOString() })),
    };
    writeLine(io.stdout, JSON.stringify(json, null, 2));
    return exitCodes.ok;
  });
}

async function set(io: CliIo, options: { domain: string; to: DomainStatus; actor: string; reason: string | null }): Promise<number> {
  return withContext(io, async (context) => {
    const result = await decideDomainStatus(context, { domain: options.domain, to: options.to, actor: options.actor, reason: options.reason, source: 'cli' });
    if (result.outcome === 'unknown_domain') return unknownDomain(io, options.domain);
    if (result.outcome === 'changed') {
      writeLine(io.stdout, `${options.domain}: ${result.from} → ${result.to} (by ${options.actor} at ${when(result.at)})`);
      // The CLI does not wait for the tools: the worker of `smtp-desk serve` delivers, and `domain <d>` shows how it went.
      const queued = result.sync.map((row) => `${toolNames[row.tool]} (${row.action})`);
      if (queued.length > 0) writeLine(io.stdout, `queued for ${queued.join(', ')}: smtp-desk serve carries it there; smtp-desk domain ${options.domain} shows how it went`);
      return exitCodes.ok;
    }
    if (result.outcome === 'not_allowed') {
      const allowed = nextStatuses(result.status).join(' or ');
      writeLine(io.stderr, `smtp-desk domain: ${options.domain} is ${result.status}, and a ${result.status} domain can be set ${allowed}, not ${options.to} (as on the Slack buttons); nothing changed`);
      return exitCodes.unchanged;
    }
    const by = result.last ? ` (by ${result.last.actor} at ${when(result.last.at)})` : '';
    writeLine(io.stdout, `${options.domain} is already ${result.status}${by}; nothing changed`);
    return exitCodes.unchanged;
  });
}

function unknownDomain(io: CliIo, domain: string): number {
  writeLine(io.stderr, `smtp-desk domain: no sending domain "${domain}" (domains appear with their first import, webhook event or daily sends)`);
  return exitCodes.failure;
}

/** `smtp-desk domain`: a domain's status, history and recent numbers, or a guarded status change. */
export const domain: Verb = async (argv, io) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk domain: ${options}\n\n${domainUsage}`);
    return exitCodes.usage;
  }
  if (options.kind === 'help') {
    writeLine(io.stdout, domainUsage);
    return exitCodes.ok;
  }
  return options.kind === 'set' ? set(io, options) : show(io, options);
};
