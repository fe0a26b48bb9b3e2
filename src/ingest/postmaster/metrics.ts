/**
 * The metrics smtp-desk asks Postmaster Tools v2 for, each under the name the query gives it (the
 * answer's rows carry that name in `metric`). The spam rate is judged by the digest; the
 * authentication success rates are shown on the domain card.
 */
export const postmasterMetrics = [
  { name: 'spam_rate', baseMetric: { standardMetric: 'SPAM_RATE' } },
  { name: 'spf_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "spf"' },
  { name: 'dkim_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "dkim"' },
  { name: 'dmarc_success_rate', baseMetric: { standardMetric: 'AUTH_SUCCESS_RATE' }, filter: 'auth_type = "dmarc"' },
] as const;

export type PostmasterMetric = (typeof postmasterMetrics)[number]['name'];

/** The name a saved `domainStats:query` answer gives SPAM_RATE unless `--metric` says otherwise. */
export const defaultSpamRateMetric: PostmasterMetric = 'spam_rate';
