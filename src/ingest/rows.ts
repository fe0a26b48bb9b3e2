import type { BounceRecord } from '../store/bounce-record.js';
import type { ComplaintRecord } from '../store/complaints.js';
import type { SendRecord } from '../store/sends.js';

export const kinds = ['bounces', 'sends', 'complaints'] as const;
export type Kind = (typeof kinds)[number];

/** A bounce as an adapter reads it, before classification fills the category and missing codes. */
export type BounceInput = Omit<BounceRecord, 'category' | 'auth_check' | 'provider' | 'smtp_stage'>;

/** What an adapter produces for each kind. */
export interface RowOf {
  bounces: BounceInput;
  sends: SendRecord;
  complaints: ComplaintRecord;
}
