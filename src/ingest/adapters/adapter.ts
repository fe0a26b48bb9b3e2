import type { z } from 'zod';
import type { Kind, RowOf } from '../rows.js';

export const formats = ['generic', 'instantly', 'smartlead', 'lemlist', 'plusvibe', 'emailbison'] as const;
export type Format = (typeof formats)[number];

/** How one tool's export or webhook payload becomes stored rows of one kind. */
export interface Adapter<K extends Kind = Kind> {
  kind: K;
  format: Format;
  /** CSV with a header row, or JSON: one object per line (webhook payloads), or one array of them. */
  input: 'csv' | 'jsonl';
  /** CSV: header columns that must be present (lower-case, spaces as underscores). */
  requiredColumns?: readonly string[];
  /**
   * JSON: the event this adapter stores. The first of `fields` (a name, or a dotted path such as
   * `event.type`) present in a payload must be one of `values`, else the payload is another event
   * and is ignored; a payload with none of them is taken.
   */
  event?: { fields: readonly string[]; values: readonly string[] };
  /** Validates one record (a header → value object, or a parsed payload) into a row. */
  schema: z.ZodType<RowOf[K]>;
}

const notFound = Symbol('not found');

function at(payload: unknown, path: string): unknown {
  let value = payload;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return notFound;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** Whether a JSON payload is the adapter's event (see Adapter.event). */
export function isAdapterEvent(adapter: Adapter, value: unknown): boolean {
  if (!adapter.event || typeof value !== 'object' || value === null) return true;
  for (const field of adapter.event.fields) {
    const type = at(value, field);
    if (type !== notFound) return adapter.event.values.includes(type as string);
  }
  return true;
}
