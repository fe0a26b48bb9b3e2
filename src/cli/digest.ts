import { slackMode } from '../config.js';
import { renderBlocks } from '../console/render.js';
import { digestDayAt, isIsoDate } from '../day.js';
import { computeDigest, computeDigestWithDns } from '../digest/digest.js';
import { digestDnsOptions } from '../digest/dns.js';
import { digestJson } from '../digest/json.js';
import { postDailyDigest } from '../jobs/digest-job.js';
import { count } from '../health/format.js';
import { eventDayProblem } from '../ingest/event-dates.js';
import { digestMessages, type DigestMessages } from '../slack/blocks/digest.js';
import { digestSlackClient, type PostOutcome } from '../slack/post-digest.js';
import { instanceId } from '../store/run-claims.js';
import { readArgs } from './args.js';
import { slackReason, slackRequestReason } from '../faults.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const digestUsage = [
  'usage: smtp-desk digest [--date YYYY-MM-DD] [--dry-run] [--json [--all]]',
  '',
  '  Computes the domain-health digest of a UTC day (default: the day that ended last in DIGEST_TZ)',
  '  and posts it to DIGEST_CHANNEL, once: a digest already posted for that day is not posted again.',
  '',
  '  --date YYYY-MM-DD  the day to judge',
  '  --dry-run          print the digest as Slack would show it instead of posting',
  '  --json             print the digest as JSON instead of posting (flagged domains only)',
  '  --all              with --json, list every judged domain, healthy ones too',
].join('\n');

interface DigestOptions {
  date: string | undefined;
  dryRun: boolean;
  json: boolean;
  all: boolean;
  help: boolean;
}

const flags = {
  date: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The option each boolean flag sets. */
const switches = { 'dry-run': 'dryRun', json: 'json', all: 'all', help: 'help' } as const;

function parseArguments(argv: string[]): DigestOptions | string {
  const options: DigestOptions = { date: undefined, dryRun: false, json: false, all: false, help: false };
  for (const arg of readArgs(argv, flags)) {
    if (arg.kind !== 'option') return arg.raw.startsWith('-') ? `unknown option "${arg.raw}"` : `unexpected argument "${arg.raw}"`;
    if (arg.name !== 'date') {
      options[switches[arg.name as keyof typeof switches]] = true;
      continue;
    }
    if (arg.value === undefined) return '--date needs a day such as 2026-11-27';
    if (!isIsoDate(arg.value)) return `--date must be a day written YYYY-MM-DD, such as 2026-11-27 (got "${arg.value}")`;
    options.date = arg.value;
  }
  if (options.all && !options.json) return '--all only applies to --json';
  return options;
}

/** The digest as readable text: the message, then each threaded reply. */
function renderDigest({ main, replies }: DigestMessages): string {
  const lines = renderBlocks(main.blocks, main.text, 1).lines;
  replies.forEach((reply, i) => {
    lines.push('', `(thread reply ${i + 1} of ${replies.length})`, ...renderBlocks(reply.blocks, reply.text, 1).lines);
  });
  return lines.join('\n');
}

/** `smtp-desk digest`: compute a day's digest; print it (--dry-run, --json) or post it once to DIGEST_CHANNEL. */
export const digest: Verb = async (argv, io: CliIo) => {
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `smtp-desk digest: ${options}\n\n${digestUsage}`);
    return exitCodes.usage;
  }
  if (options.help) {
    writeLine(io.stdout, digestUsage);
    return exitCodes.ok;
  }
  const dateProblem = options.date === undefined ? undefined : eventDayProblem(options.date);
  if (dateProblem) {
    writeLine(io.stderr, `smtp-desk digest: --date ${options.date} ${dateProblem}: no event can be stored for that day`);
    return exitCodes.usage;
  }
  return withContext(io, async (context) => {
    const { config } = context;
    const day = options.date ?? digestDayAt(context.now(), config.DIGEST_TZ);
    const posting = !options.json && !options.dryRun;
    if (posting && (slackMode(config) === 'local' || !config.DIGEST_CHANNEL)) {
      const missing = config.SLACK_BOT_TOKEN ? 'DIGEST_CHANNEL' : 'SLACK_BOT_TOKEN';
      writeLine(io.stderr, `smtp-desk digest: set ${missing} to post the digest, or use --dry-run or --json to print it`);
      return exitCodes.failure;
    }
    if (!posting) {
      const db = context.store.pool;
      if (options.json) writeLine(io.stdout, JSON.stringify(digestJson(await computeDigest(db, day, config.HEALTH_THRESHOLDS, options.all), options.all), null, 2));
      else writeLine(io.stdout, renderDigest(digestMessages(await computeDigestWithDns(db, day, config.HEALTH_THRESHOLDS, digestDnsOptions(config, context.now)))));
      return exitCodes.ok;
    }
    const channel = config.DIGEST_CHANNEL!;
    const client = digestSlackClient(config, context.logger);
    let outcome: PostOutcome;
    try {
      outcome = await postDailyDigest(context, client, { day, channel, instance: instanceId() });
    } catch (error) {
      const reason = slackRequestReason(error) ?? slackReason(error) ?? (error as Error).message;
      writeLine(io.stderr, `smtp-desk digest: the digest for ${day} was not posted: ${reason}`);
      return exitCodes.failure;
    }
    switch (outcome.outcome) {
      case 'posted':
        writeLine(io.stdout, `posted the digest for ${day} to ${channel} (ts ${outcome.ts}, ${count(outcome.replies, 'threaded reply', 'threaded replies')})`);
        return exitCodes.ok;
      case 'already_posted':
        writeLine(io.stdout, `the digest for ${day} is already in ${channel} (ts ${outcome.ts}); nothing posted`);
        return exitCodes.unchanged;
      case 'in_progress':
        writeLine(io.stdout, `the digest for ${day} is being posted to ${channel} by ${outcome.by}; nothing posted`);
        return exitCodes.unchanged;
    }
  });
};
