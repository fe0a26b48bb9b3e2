import type { AddressInfo } from 'node:net';
import { slackMode } from '../config.js';
import { runConsole } from '../console/console.js';
import { loadDemoOnFirstRun } from '../demo/first-run.js';
import { httpRoutes } from '../http/routes.js';
import { startDigestJob } from '../jobs/digest-job.js';
import { startDnsAuditJob } from '../jobs/dns-audit-job.js';
import { postmasterPreparation } from '../jobs/postmaster-job.js';
import { startSyncJob } from '../jobs/sync-job.js';
import { buildReceiver, createSlackApp } from '../slack/app.js';
import { slackSyncReporter, syncSlackClient } from '../slack/post-sync.js';
import type { AppContext } from '../context.js';
import type { Store } from '../store/store.js';
import { verifySlackTokens } from '../slack/verify-tokens.js';
import { openContext } from './context.js';
import { exitCodes, writeLine, type CliIo, type Verb } from './io.js';

export const serve: Verb = async (argv, io) => {
  if (argv.length > 0) {
    writeLine(io.stderr, 'usage: smtp-desk serve   (configured by environment variables; see README)');
    return exitCodes.usage;
  }
  const context = await openContext(io);
  try {
    if (slackMode(context.config) === 'local') {
      const demoLine = await loadDemoOnFirstRun(context.store.pool, context.now().toISOString().slice(0, 10));
      if (demoLine) writeLine(io.stdout, demoLine);
      const psqlLine = embeddedPsqlLine(context.store);
      if (psqlLine) writeLine(io.stdout, psqlLine);
      writeLine(io.stdout, localModeLine(context));
      // The console has no real thread to reply in: each settled sync is printed as it settles.
      const syncJob = startSyncJob(context, async (_row, sentence) => writeLine(io.stdout, `\n(sync) ${sentence}`));
      try {
        await runConsole(context, { input: io.stdin, output: io.stdout });
      } finally {
        await syncJob.stop();
      }
      return exitCodes.ok;
    }
    await serveSlack(context, io);
    return exitCodes.ok;
  } finally {
    await context.store.close();
  }
};

function localModeLine({ config, store }: AppContext): string {
  const where = store.kind === 'embedded' ? `the embedded database in ${config.dataDir}` : 'the database at DATABASE_URL';
  return `smtp-desk is running locally (no Slack tokens set) on ${where}: type /smtp help, a button number, or exit.`;
}

/** `text` as one word for a POSIX shell, so the line can be pasted as it is. */
const shellWord = (text: string) => (/^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

/** How to reach the embedded database with psql while smtp-desk runs (its port is picked at each start). */
function embeddedPsqlLine({ connectionString, passwordFile }: Store): string | undefined {
  if (!passwordFile) return undefined;
  const { hostname, port, username, pathname } = new URL(connectionString);
  return `The embedded database takes psql while this runs: PGPASSFILE=${shellWord(passwordFile)} psql -h ${hostname} -p ${port} -U ${username} ${pathname.slice(1)}`;
}

/** Runs the Slack app, the outbox worker, the daily digest when DIGEST_CHANNEL is set (after a Postmaster Tools pull when GOOGLE_* are) and the DNS audit on DNS_AUDIT_CRON, until SIGINT or SIGTERM. */
async function serveSlack(context: AppContext, io: CliIo): Promise<void> {
  const { config, logger } = context;
  const identity = await verifySlackTokens(config, logger);
  const psqlLine = embeddedPsqlLine(context.store);
  if (psqlLine) logger.info(psqlLine);
  const app = createSlackApp({ context, identity, receiver: buildReceiver(context, httpRoutes(context)) });
  if (config.SLACK_APP_TOKEN) {
    await app.start();
    logger.info(`connected to Slack in Socket Mode; health check on http://0.0.0.0:${config.PORT}/healthz`);
    writeLine(io.stdout, 'smtp-desk ready (Socket Mode)');
  } else {
    const server = await app.start(config.PORT);
    const { port } = server.address() as AddressInfo;
    logger.info(`listening for Slack on http://0.0.0.0:${port}/slack/events; health check on /healthz`);
    writeLine(io.stdout, `smtp-desk ready (HTTP on port ${port})`);
  }
  const prepare = config.DIGEST_CHANNEL ? postmasterPreparation(context) : null;
  const digestJob = startDigestJob(context, prepare ? { prepare } : {});
  const dnsAuditJob = startDnsAuditJob(context);
  const syncJob = startSyncJob(context, slackSyncReporter(context, syncSlackClient(context)));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await Promise.all([syncJob.stop(), digestJob?.stop(), dnsAuditJob?.stop()]);
  await app.stop();
}
