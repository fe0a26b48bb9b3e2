import { databaseAt, faultLine } from './faults.js';
import { exitCodes, processIo, writeLine, type CliIo, type Verb } from './cli/io.js';

const verbs: Record<string, { summary: string; load: () => Promise<Verb> }> = {
  serve: { summary: 'run the Slack bot (local console when no Slack tokens are set)', load: async () => (await import('./cli/serve.js')).serve },
  lookup: { summary: 'explain an SMTP reply code or bounce text (--json; --jsonl reads stdin)', load: async () => (await import('./cli/lookup.js')).lookup },
  migrate: { summary: 'apply pending database migrations', load: async () => (await import('./cli/migrate.js')).migrate },
  import: { summary: 'load bounces, sends or complaints from a CSV or JSON-lines file (--format, --rejects)', load: async () => (await import('./cli/import.js')).importVerb },
  rejects: { summary: 'list the webhook payloads held because no adapter could read them (--json); --replay stores them', load: async () => (await import('./cli/held-payloads.js')).rejectsVerb },
  domain: { summary: "a domain's status, history and last 7 days (--json); --set changes its status", load: async () => (await import('./cli/domain.js')).domain },
  digest: { summary: "post the day's domain-health digest to DIGEST_CHANNEL once (--date, --dry-run, --json, --all)", load: async () => (await import('./cli/digest.js')).digest },
  dns: { summary: 'check SPF, DMARC, DKIM, MX and blocklists of a domain (--selector, --ip, --json); --all audits every active domain', load: async () => (await import('./cli/dns.js')).dns },
  postmaster: { summary: 'pull the spam and SPF/DKIM/DMARC rates of every active domain from Google Postmaster Tools (pull --date, --days)', load: async () => (await import('./cli/postmaster.js')).postmaster },
  demo: { summary: 'load a synthetic sending fleet (a few domains break each digest rule) to try smtp-desk on', load: async () => (await import('./cli/demo.js')).demo },
};

export function usage(): string {
  const width = Math.max(...Object.keys(verbs).map((verb) => verb.length));
  const lines = Object.entries(verbs).map(([verb, { summary }]) => `  ${verb.padEnd(width)}  ${summary}`);
  return ['usage: smtp-desk <verb> [options]', '', 'verbs:', ...lines].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') {
    writeLine(verb === undefined ? io.stderr : io.stdout, usage());
    return verb === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const entry = verbs[verb];
  if (!entry) {
    writeLine(io.stderr, `smtp-desk: unknown verb "${verb}"\n\n${usage()}`);
    return exitCodes.usage;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (error) {
    const line = faultLine(error, { databaseAt: databaseAt(io.env.DATABASE_URL) });
    if (line === undefined) throw error;
    writeLine(io.stderr, `smtp-desk: ${line}`);
    return exitCodes.failure;
  }
}
