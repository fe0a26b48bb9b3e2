import type { DomainRow } from '../store/fleet.js';
import type { Queryable } from '../store/store.js';
import { reserveSuggestions } from '../store/rotation.js';

/** How many reserve domains a pull suggests putting into rotation. */
const suggestionsShown = 3;

/**
 * Reserve domains to activate in place of a pulled domain: reserved the longest first, those with
 * its mailbox provider ahead of the rest.
 */
export function replacementsFor(db: Queryable, pulled: string): Promise<DomainRow[]> {
  return reserveSuggestions(db, pulled, suggestionsShown);
}
