import { percent } from '../../health/format.js';
import type { PostmasterDay } from '../../store/postmaster-days.js';

/** Said instead of 0 % for a day Postmaster Tools reported nothing of. */
export const noPostmasterData = "no Postmaster data: under Google's volume floor";

const rate = (value: number | null) => (value === null ? 'n/a' : percent(value, 2));

/** The authentication success rates of a reported day: `SPF 100 % · DKIM 99.8 % · DMARC 99.8 %`. */
export function postmasterAuthWords(day: PostmasterDay): string {
  return `SPF ${rate(day.spf_success_rate)} · DKIM ${rate(day.dkim_success_rate)} · DMARC ${rate(day.dmarc_success_rate)}`;
}

/** A domain's Postmaster day in one line: `spam rate 0.41 % · SPF 100 % · DKIM 99.8 % · DMARC 99.8 %`, or noPostmasterData. */
export function postmasterDayWords(day: PostmasterDay, spamRate: number | null): string {
  return day.reported ? `spam rate ${rate(spamRate)} · ${postmasterAuthWords(day)}` : noPostmasterData;
}
