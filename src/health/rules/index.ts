import { authFailure } from './auth-failure.js';
import { bounceRate } from './bounce-rate.js';
import { complaintRate } from './complaint-rate.js';
import { invalidRate } from './invalid-rate.js';
import { lowVolume } from './low-volume.js';
import { missingSends } from './missing-sends.js';
import { persistent421 } from './persistent-421.js';
import { reputationBlock } from './reputation-block.js';
import type { Rule } from './rule.js';
import { spike554 } from './spike-554.js';

/** Every rule of the daily digest, in the order findings of equal severity are listed. */
export const rules: readonly Rule[] = [
  missingSends,
  bounceRate,
  complaintRate,
  invalidRate,
  reputationBlock,
  spike554,
  authFailure,
  persistent421,
  lowVolume,
];
