import { percent } from '../../health/format.js';
import type { PostmasterDay } from '../../store/postmaster-days.js';

/** Said instead of 0 % for a day Postmaster Tools reported nothing of. */
export const noPostmasterData = "no Postmaster data: under Google's volume floor";

const rate = (value: number | null) => (value === null ? 'n/a' : percent(value, 2));

/** A domain's Postmaster day in one line: `spam rate 0.41 % · SPF 100 % · DKIM 99.8 % · DMARC 99.8 %`. */
export function postmasterDayWords(day: PostmasterDay, spamRate: number | null): string {
  if (!day.reported) return noPostmasterData;
  return `spam rate ${rate(spamRate)} · SPF ${rate(day.spf_success_rate)} · DKIM ${rate(day.dkim_success_rate)} · DMARC ${rate(day.dmarc_success_rate)}`;
}
