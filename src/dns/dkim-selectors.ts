// Kept apart from dkim.ts so the config can read the defaults without loading mailauth.
/**
 * Selectors tried when none is named: Google Workspace (google), Microsoft 365 (selector1,
 * selector2), SendGrid (s1, s2), Mailchimp/Mandrill (k1, k2, k3, mandrill), Zoho (zoho, zmail),
 * Fastmail (fm1, fm2, fm3), Proton (protonmail), cPanel and most self-hosted servers (default, dkim,
 * mail), Mailgun (smtp, mx).
 */
export const defaultDkimSelectors = [
  'google', 'selector1', 'selector2', 's1', 's2', 'k1', 'k2', 'k3', 'mandrill', 'zoho', 'zmail',
  'fm1', 'fm2', 'fm3', 'protonmail', 'default', 'dkim', 'mail', 'smtp', 'mx',
] as const;
