import type { z } from 'zod';
import type { Kind, RowOf } from '../rows.js';

export const formats = ['generic', 'instantly', 'smartlead', 'lemlist', 'plusvibe', 'postmaster'] as const;
export type Format = (typeof formats)[number];

/** How one tool's export or webhook payload becomes stored rows of one kind. */
export interface Adapter<K extends Kind = Kind> {
  kind: K;
  format: Format;
  /** CSV with a header row, one JSON object per line (webhook payloads), or one JSON document (saved API answers). */
  input: 'csv' | 'jsonl' | 'json';
  /** CSV: header columns that must be present (lower-case, spaces as underscores). */
  requiredColumns?: readonly string[];
  /**
   * JSON: the event this adapter stores. The first of `fields` present in a payload must equal
   * `value`, else the payload is another event and is ignored; a payload with none of them is taken.
   */
  event?: { fields: readonly string[]; value: string };
  /** JSON: a payload without this field holds nothing of this kind (a day Google reported no spam rate for) and is ignored. */
  carries?: string;
  /** JSON document: where its rows are (see JsonDocument). */
  document?: JsonDocument;
  /** Validates one record (a header → value object, or a parsed payload) into a row. */
  schema: z.ZodType<RowOf[K]>;
}

/**
 * A JSON document of API answers: one page (an object) or a JSON array of pages, each listing its
 * rows under `list` (a page without it has no rows, as proto3 JSON leaves empty lists out).
 */
export interface JsonDocument {
  list: string;
  /** A page holding this field is itself one row (an API's single-item answer). */
  rowField?: string;
  /** The list field of the other shape the same tool answers in, and what to do about a file of it. */
  otherShape: { list: string; hint: string };
}

/** Whether a JSON payload is the adapter's event (see Adapter.event) and carries its value (Adapter.carries). */
export function isAdapterEvent(adapter: Adapter, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const payload = value as Record<string, unknown>;
  if (adapter.carries !== undefined && !(adapter.carries in payload)) return false;
  if (!adapter.event) return true;
  const field = adapter.event.fields.find((name) => name in payload);
  return field === undefined || payload[field] === adapter.event.value;
}
