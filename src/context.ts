import type { Logger } from '@slack/logger';
import type { Config } from './config.js';
import type { Store } from './store/store.js';

/** What every listener, route and job may use: built once at start, passed down explicitly. */
export interface AppContext {
  config: Config;
  store: Store;
  logger: Logger;
  now: () => Date;
}
