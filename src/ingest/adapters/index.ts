import type { Kind } from '../rows.js';
import type { Adapter, Format } from './adapter.js';
import { genericBounces, genericComplaints, genericSends } from './generic.js';
import { instantlyBounces, instantlySends } from './instantly.js';
import { lemlistBounces } from './lemlist.js';
import { plusvibeBounces } from './plusvibe.js';
import { postmasterTrafficStats } from './postmaster.js';
import { smartleadBounces } from './smartlead.js';

const adapters: readonly Adapter[] = [
  genericBounces,
  genericSends,
  genericComplaints,
  smartleadBounces,
  instantlyBounces,
  instantlySends,
  lemlistBounces,
  plusvibeBounces,
  postmasterTrafficStats,
];

export function findAdapter<K extends Kind>(kind: K, format: Format): Adapter<K> | undefined {
  return adapters.find((adapter) => adapter.kind === kind && adapter.format === format) as Adapter<K> | undefined;
}

/** The formats each kind can be imported from. */
export function formatsFor(kind: Kind): Format[] {
  return adapters.filter((adapter) => adapter.kind === kind).map((adapter) => adapter.format);
}
