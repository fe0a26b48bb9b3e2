import type { z } from 'zod';
import type { Kind, RowOf } from '../rows.js';

export const formats = ['generic', 'instantly', 'smartlead', 'lemlist', 'plusvibe'] as const;
export type Format = (typeof formats)[number];

/** How one tool's export or webhook payload becomes stored rows of one kind. */
export interface Adapter<K extends Kind = Kind> {
  kind: K;
  format: Format;
  /** CSV with a header row, or one JSON object per line (webhook payloads). */
  input: 'csv' | 'jsonl';
  /** CSV: header columns that must be present (lower-case, spaces as underscores). */
  requiredColumns?: readonly string[];
  /**
   * JSON: the event this adapter stores. The first of `fields` present in a payload must equal
   * `value`, else the payload is another event and is ignored; a payload with none of them is taken.
   */
  event?: { fields: readonly string[]; value: string };
  /** Validates one record (a header → value object, or a parsed payload) into a row. */
  schema: z.ZodType<RowOf[K]>;
}

/** Whether a JSON payload is the adapter's event (see Adapter.event). */
export function isAdapterEvent(adapter: Adapter, value: unknown): boolean {
  if (!adapter.event || typeof value !== 'object' || value === null) return true;
  const payload = value as Record<string, unknown>;
  const field = adapter.event.fields.find((name) => name in payload);
  return field === undefined || payload[field] === adapter.event.value;
}
