import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { DemoOptions } from '../demo/fleet.js';
import { loadDemoFleet } from '../demo/load.js';
import { sendingNameSpace } from '../demo/names.js';
import { whole } from '../health/format.js';
import { renderSummary } from '../demo/summary.js';
import { withContext } from './context.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

const usageText = `usage: smtp-desk demo [--domains N] [--days D] [--seed S] [--today YYYY-MM-DD]

Loads a synthetic sending fleet into the configured database (the embedded one without DATABASE_URL):
domains on Google Workspace, Microsoft 365 and private SMTP, their inboxes, daily sends within the
safe limits per inbox type, bounces and complaints, domains made to break each digest rule (one
each, one per 5,000 domains in bigger fleets), pulled and reserved domains. It prints which domain
breaks which rule. The same options load the same rows; a re-run adds nothing.

  --domains N   sending domains (default 40, at most ${whole(sendingNameSpace)})
  --days D      days of history (default 14, from 2: persistent_421 needs two days)
  --seed S      seed of the generator (default 1)
  --today DAY   the last generated day is the day before (default: today in UTC, so the digest's
                default day, the one that just ended, is the day the rules are broken on)`;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${whole(max)}`));

const flagsSchema = z.object({
  domains: wholeNumber(1, sendingNameSpace).default(40),
  days: wholeNumber(2, 90).default(14),
  seed: wholeNumber(0, 2 ** 31 - 1).default(1),
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'a real calendar date')
    .optional(),
  help: z.boolean().default(false),
});

class UsageError extends Error {}

function parseFlags(argv: string[]): z.infer<typeof flagsSchema> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        domains: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])} must be ${issue.message} (got ${JSON.stringify(values[issue.path[0] as keyof typeof values])})`);
  }
  return parsed.data;
}

/** Fleets from this size on report their progress on stderr, every tenth of the domains. */
const progressFrom = 10_000;

function progressReporter(io: CliIo, domains: number): ((done: number) => void) | undefined {
  if (domains < progressFrom) return undefined;
  let reported = 0;
  return (done) => {
    if (done - reported < domains / 10 && done < domains) return;
    reported = done;
    writeLine(io.stderr, `  ${whole(done)} of ${whole(domains)} domains stored`);
  };
}

/** `smtp-desk demo`: load the demo fleet and say what it shows. */
export const demo: Verb = async (argv, io) => {
  let flags;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    writeLine(io.stderr, `smtp-desk demo: ${error.message}\n\n${usageText}`);
    return exitCodes.usage;
  }
  if (flags.help) {
    writeLine(io.stdout, usageText);
    return exitCodes.ok;
  }
  return withContext(io, async (context) => {
    const options: DemoOptions = {
      seed: flags.seed,
      domains: flags.domains,
      days: flags.days,
      today: flags.today ?? context.now().toISOString().slice(0, 10),
    };
    const summary = await loadDemoFleet(context.store.pool, options, { onProgress: progressReporter(io, flags.domains) });
    writeLine(io.stdout, renderSummary(options, summary));
    return exitCodes.ok;
  });
};
