import { getMeta, setMetaOnce } from '../store/app-meta.js';
import { hasSendingDomains } from '../store/fleet-status.js';
import type { Queryable } from '../store/store.js';
import type { DemoOptions } from './fleet.js';
import { loadDemoFleet } from './load.js';

/** The app_meta key recording that the demo fleet was loaded once (its value: the options used). */
export const demoLoadedKey = 'demo_loaded';

/** A fleet small enough to load in about a second on the embedded database. */
export const firstRunFleet = { seed: 1, domains: 40, days: 14 } as const;

/**
 * Loads a small demo fleet into a database that has no sending domains and never had the demo,
 * so the local console's /smtp digest has something to show. Returns the line to print, or null
 * when nothing was loaded.
 */
export async function loadDemoOnFirstRun(db: Queryable, today: string): Promise<string | null> {
  if ((await getMeta(db, demoLoadedKey)) !== null || (await hasSendingDomains(db))) return null;
  const options: DemoOptions = { ...firstRunFleet, today };
  await loadDemoFleet(db, options);
  await setMetaOnce(db, demoLoadedKey, JSON.stringify(options));
  return (
    `Loaded a demo fleet of ${firstRunFleet.domains} domains so /smtp digest has something to show ` +
    '(smtp-desk demo lists which domain breaks which rule); for your own data, start with an empty ' +
    'SMTP_DESK_DATA_DIR and smtp-desk import.'
  );
}
