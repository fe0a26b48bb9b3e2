import type { Kind } from '../rows.js';
import { formats, type Adapter, type Format } from './adapter.js';
import { emailbisonBounces } from './emailbison.js';
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
  emailbisonBounces,
  postmasterTrafficStats,
];

export function findAdapter<K extends Kind>(kind: K, format: Format): Adapter<K> | undefined {
  return adapters.find((adapter) => adapter.kind === kind && adapter.format === format) as Adapter<K> | undefined;
}

/** The formats each kind can be imported from. */
export function formatsFor(kind: Kind): Format[] {
  return adapters.filter((adapter) => adapter.kind === kind).map((adapter) => adapter.format);
}

/** The adapter a webhook of `sequencer` is read with (`POST /webhooks/<sequencer>`), the same as `import bounces --format <sequencer>`. */
export function webhookAdapter(sequencer: string): Adapter<'bounces'> | undefined {
  return formats.includes(sequencer as Format) ? findAdapter('bounces', sequencer as Format) : undefined;
}
