import { loadConfig } from '../config.js';
import { migrate as applyMigrations } from '../store/migrate.js';
import { openStore, storeOptionsFrom } from '../store/store.js';
import { exitCodes, writeLine, type Verb } from './io.js';

export const migrate: Verb = async (argv, io) => {
  if (argv.length > 0) {
    writeLine(io.stderr, 'usage: smtp-desk migrate   (takes no arguments)');
    return exitCodes.usage;
  }
  const store = await openStore(storeOptionsFrom(loadConfig(io.env)));
  try {
    const applied = await applyMigrations(store.pool);
    writeLine(io.stdout, applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date');
    return exitCodes.ok;
  } finally {
    await store.close();
  }
};
