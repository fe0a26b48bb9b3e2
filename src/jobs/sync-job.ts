import type { AppContext } from '../context.js';
import { sequencerTools } from '../store/outbox.js';
import { syncTargets } from '../sync/tools.js';
import { startSyncWorker, type SyncReporter, type SyncWorker, type SyncWorkerOptions } from '../sync/worker.js';
import { toolNames } from '../sync/words.js';

/**
 * Runs the outbox worker of this process (every replica may: each row goes to one of them), with
 * the tools the config switches on; `report` says each settled row where its decision was said.
 */
export function startSyncJob(context: AppContext, report: SyncReporter, options: Partial<SyncWorkerOptions> = {}): SyncWorker {
  const targets = options.targets ?? syncTargets(context.config);
  const on = [...sequencerTools.filter((tool) => targets.sequencers[tool]).map((tool) => toolNames[tool]), ...(targets.webhook ? ['the decision webhook'] : [])];
  if (on.length === 0) context.logger.debug('no sending tool or decision webhook is configured: decisions stay in smtp-desk');
  else context.logger.info(`decisions are carried to ${on.join(', ')}`);
  return startSyncWorker(context, { ...options, targets, report });
}
