import type { Config } from '../config.js';
import type { SequencerTool } from '../store/outbox.js';
import type { SequencerConnector } from './connector.js';
import { instantlyConnector } from './instantly.js';
import type { Pace } from './pace.js';
import { smartleadConnector } from './smartlead.js';
import { decisionWebhook, type DecisionWebhook } from './webhook.js';

/** The tools and the webhook the config switches on, each by its key or URL. */
export interface SyncTargets {
  sequencers: Partial<Record<SequencerTool, SequencerConnector>>;
  webhook: DecisionWebhook | null;
}

/** Each tool's pace, to share one between workers of a process (or to run a fake faster in a test). */
export type Paces = Partial<Record<SequencerTool, Pace>>;

export function syncTargets(config: Config, paces: Paces = {}): SyncTargets {
  const sequencers: SyncTargets['sequencers'] = {};
  if (config.INSTANTLY_API_KEY) sequencers.instantly = instantlyConnector({ apiUrl: config.INSTANTLY_API_URL, apiKey: config.INSTANTLY_API_KEY, ...(paces.instantly ? { pace: paces.instantly } : {}) });
  if (config.SMARTLEAD_API_KEY) sequencers.smartlead = smartleadConnector({ apiUrl: config.SMARTLEAD_API_URL, apiKey: config.SMARTLEAD_API_KEY, ...(paces.smartlead ? { pace: paces.smartlead } : {}) });
  const webhook = config.DECISION_WEBHOOK_URL && config.DECISION_WEBHOOK_SECRET ? decisionWebhook({ url: config.DECISION_WEBHOOK_URL, secret: config.DECISION_WEBHOOK_SECRET }) : null;
  return { sequencers, webhook };
}

/** The sending tools switched on, by key alone (a decision needs no connector to write its rows). */
export function configuredSequencers(config: Config): SequencerTool[] {
  return [...(config.INSTANTLY_API_KEY ? (['instantly'] as const) : []), ...(config.SMARTLEAD_API_KEY ? (['smartlead'] as const) : [])];
}
