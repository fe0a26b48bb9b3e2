import type { z } from 'zod';
import type { Kind, RowOf } from '../rows.js';

export const formats = ['generic', 'instantly', 'smartlead', 'lemlist', 'plusvibe', 'emailbison', 'postmaster'] as const;
export type Format = (typeof formats)[number];

/** How one tool's export or webhook payload becomes stored rows of one kind. */
export interface Adapter<K extends Kind = Kind> {
  kind: K;
  format: Format;
  /**
   * CSV with a header row; JSON lines, one object per line or one array of them (webhook payloads);
   * or one JSON document (saved API answers).
   */
  input: 'csv' | 'jsonl' | 'json';
  /** CSV: header columns that must be present (lower-case, spaces as underscores). */
  requiredColumns?: readonly string[];
  /**
   * JSON: the event this adapter stores. The first of `fields` (a name, or a dotted path such as
   * `event.type`) present in a payload must be one of `values`, else the payload is another event
   * and is ignored; a payload with none of them is taken.
   */
  event?: { fields: readonly string[]; values: readonly string[] };
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

const notFound = Symbol('not found');

function at(payload: unknown, path: string): unknown {
  let value = payload;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return notFound;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** Whether a JSON payload is the adapter's event (see Adapter.event) and carries its value (Adapter.carries). */
export function isAdapterEvent(adapter: Adapter, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (adapter.carries !== undefined && !(adapter.carries in value)) return false;
  if (!adapter.event) return true;
  for (const field of adapter.event.fields) {
    const type = at(value, field);
    if (type !== notFound) return adapter.event.values.includes(type as string);
  }
  return true;
}
