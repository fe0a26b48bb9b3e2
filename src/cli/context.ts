import { loadConfig, type Config } from '../config.js';
import { DatabaseLostError, isConnectError } from '../faults.js';
import { createLogger } from '../logger.js';
import type { AppContext } from '../context.js';
import { migrate } from '../store/migrate.js';
import { openStore, storeOptionsFrom } from '../store/store.js';
import type { CliIo } from './io.js';

/**
 * Loads the config, opens the store (embedded or server) and brings its schema up to date: the
 * start of every verb that touches the database. The caller closes `context.store`.
 */
export async function openContext(io: CliIo, overrides: Partial<Config> = {}): Promise<AppContext> {
  const config = { ...loadConfig(io.env), ...overrides };
  const logger = createLogger(config.LOG_LEVEL, io.stderr);
  const store = await openStore(storeOptionsFrom(config));
  try {
    await migrate(store.pool);
  } catch (error) {
    await store.close();
    throw error;
  }
  return { config, store, logger, now: () => new Date() };
}

/** Runs `work` with an open context and always closes the store afterwards. */
export async function withContext<T>(io: CliIo, work: (context: AppContext) => Promise<T>): Promise<T> {
  const context = await openContext(io);
  try {
    return await work(context);
  } catch (error) {
    throw isConnectError(error) ? new DatabaseLostError(error) : error;
  } finally {
    await context.store.close();
  }
}
