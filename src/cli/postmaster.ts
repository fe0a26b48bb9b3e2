import { googleCredentials, googleVariablesLine } from '../config.js';
import { addDays, digestDayAt, isIsoDate } from '../day.js';
import { count } from '../health/format.js';
import { eventDayProblem } from '../ingest/event-dates.js';
import { postmasterBatchQuery, PostmasterError } from '../ingest/postmaster/client.js';
import { fetchPostmaster, storePostmaster } from '../ingest/postmaster/pull.js';
import { postmasterDayWords } from '../ingest/postmaster/words.js';
import { listDomains } from '../store/fleet.js';
import { readArgs } from './args.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type Verb } from './io.js';

/** Postmaster Tools keeps about 120 days of history. */
const maxDays = 120;

const postmasterUsage = [
  'usage: smtp-desk postmaster pull [--date YYYY-MM-DD] [--days N]',
  '',
  '  Fetches the spam rate and the SPF, DKIM and DMARC success rates of every active domain from',
  '  Google Postmaster Tools (v2 domainStats:batchQuery) and stores them: the spam rate is the',
  '  reported complaint rate the digest judges, the rest is shown on the domain card.',
  '',
  '  --date YYYY-MM-DD  the last day to fetch (default: the day that ended last in DIGEST_TZ)',
  `  --days N           how many days up to --date (default 1, at most ${maxDays})`,
  '',
  '  Needs GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and GOOGLE_REFRESH_TOKEN (README, Google Postmaster Tools).',
  '  Exit status: 0 stored, 1 Google or the database failed (one line says why), 2 usage error,',
  '  3 stored, but Postmaster Tools refused some domains (listed on stderr).',
].join('\n');

const flags = { date: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

type PullOptions = { help: true } | { help: false; date: string | undefined; days: number };

function parseArguments(argv: string[]): PullOptions | string {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h') return { help: true };
  if (action !== 'pull') return action === undefined ? 'say what to do: pull' : `unknown action "${action}": the action is pull`;
  let date: string | undefined;
  let days = 1;
  for (const arg of readArgs(rest, flags)) {
    if (arg.kind !== 'option') return arg.raw.startsWith('-') ? `unknown option "${arg.raw}"` : `unexpected argument "${arg.raw}"`;
    if (arg.name === 'help') return { help: true };
    if (arg.name === 'date') {
      if (arg.value === undefined || !isIsoDate(arg.value)) return `--date must be a day written YYYY-MM-DD, such as 2026-11-27${arg.value === undefined ? '' : ` (got "${arg.value}")`}`;
      const problem = eventDayProblem(arg.value);
      if (problem) return `--date ${arg.value} ${problem}`;
      date = arg.value;
    } else {
      if (arg.value === undefined || !/^\d+$/.test(arg.value) || Number(arg.value) < 1 || Number(arg.value) > maxDays) {
        return `--days must be a whole number of days from 1 to ${maxDays}${arg.value === undefined ? '' : ` (got "${arg.value}")`}`;
      }
      days = Number(arg.value);
    }
  }
  return { help: false, date, days };
}

/** `smtp-desk postmaster pull`: the Postmaster Tools rates of every active domain, stored for the digest and the card. */
export const postmaster: Verb = async (argv, io) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk postmaster: ${options}\n\n${postmasterUsage}`);
    return exitCodes.usage;
  }
  if (options.help) {
    writeLine(io.stdout, postmasterUsage);
    return exitCodes.ok;
  }
  return withContext(io, async ({ config, store, now }) => {
    const credentials = googleCredentials(config);
    if (!credentials) {
      writeLine(io.stderr, `smtp-desk postmaster: Google Postmaster Tools is not set up: ${googleVariablesLine}`);
      return exitCodes.failure;
    }
    const last = options.date ?? digestDayAt(now(), config.DIGEST_TZ);
    const days = Array.from({ length: options.days }, (_, i) => addDays(last, i - options.days + 1));
    const domains = (await listDomains(store.pool, 'active')).map((row) => row.domain);
    if (domains.length === 0) {
      writeLine(io.stdout, 'no active domains: nothing to ask Postmaster Tools for');
      return exitCodes.ok;
    }
    let outcome;
    try {
      outcome = await fetchPostmaster(postmasterBatchQuery(config, credentials), domains, days);
    } catch (error) {
      if (!(error instanceof PostmasterError)) throw error;
      writeLine(io.stderr, `smtp-desk postmaster: ${error.message}`);
      return exitCodes.failure;
    }
    await storePostmaster(store.pool, outcome.days);
    for (const day of outcome.days) writeLine(io.stdout, `${day.sending_domain} ${day.day}: ${postmasterDayWords(day, day.spam_rate)}`);
    for (const refused of outcome.refused) writeLine(io.stderr, `smtp-desk postmaster: ${refused.line}`);
    const reported = outcome.days.filter((day) => day.reported).length;
    const span = days.length === 1 ? last : `${days[0]} to ${last}`;
    writeLine(
      io.stdout,
      `Postmaster Tools, ${span}: ${count(domains.length, 'active domain')}, ${count(reported, 'day')} reported, ` +
        `${count(outcome.days.length - reported, 'day')} without data, ${count(outcome.refused.length, 'domain')} refused`,
    );
    return outcome.refused.length > 0 ? exitCodes.rowsRejected : exitCodes.ok;
  });
};
