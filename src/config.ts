import path from 'node:path';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from './day.js';
import { defaultDomainZones } from './dns/blocklists.js';
import { defaultDkimSelectors } from './dns/dkim-selectors.js';
import { UserFacingError } from './errors.js';
import { parseThresholds, ThresholdsError } from './health/thresholds.js';
import { slackIdPattern } from './slack-ids.js';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const slackIdList = 'a comma-separated list of Slack user IDs (U…, W…) and user-group IDs (S…), e.g. U0123ABCD,S0456EFGH';

const logLevels = ['debug', 'info', 'warn', 'error'] as const;

const apiBase = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: `an http(s) base URL such as ${fallback}` })
      .default(fallback)
      .transform((url) => url.replace(/\/+$/, '')),
  );
const apiKey = (what: string) => z.preprocess(emptyToUndefined, z.string().regex(/^\S{8,}$/, what).optional());

const commaList = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : undefined);
const dnsServer = /^(?:(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?|[0-9a-f:]*:[0-9a-f:.]*|\[[0-9a-f:.]+\]:\d{1,5})$/i;
const dnsServerList = 'a comma-separated list of DNS server IP addresses, each with an optional :port (IPv6 with a port as [addr]:port), e.g. 127.0.0.1:5353,1.1.1.1';
const dnsLabel = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/i;
const milliseconds = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: `a number of milliseconds from ${min} to ${max}` })
      .int(`a number of milliseconds from ${min} to ${max}`)
      .min(min, `a number of milliseconds from ${min} to ${max}`)
      .max(max, `a number of milliseconds from ${min} to ${max}`)
      .default(fallback),
  );

const httpUrl = (fallback: string, { slash }: { slash: boolean }) =>
  z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: `an http(s) URL such as ${fallback}` })
      .default(fallback)
      .transform((url) => (slash && !url.endsWith('/') ? `${url}/` : url)),
  );

export const configSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith('xoxb-', 'a bot token starting with "xoxb-"').optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith('xapp-', 'an app-level token starting with "xapp-"').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: httpUrl('https://slack.com/api/', { slash: true }),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'a TCP port number between 0 and 65535' })
      .int('a TCP port number between 0 and 65535')
      .min(0, 'a TCP port number between 0 and 65535')
      .max(65535, 'a TCP port number between 0 and 65535')
      .default(3000),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
      .optional(),
  ),
  SMTP_DESK_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.smtp-desk')),
  SMARTLEAD_WEBHOOK_SECRET: optionalString,
  WEBHOOK_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'a random token of at least 16 characters').optional()),
  APPROVERS: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter((id) => id !== '') : []),
    z.array(z.string().regex(slackIdPattern('approver'), slackIdList), { error: slackIdList }),
  ),
  SNOOZE_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'a whole number of days between 1 and 90' })
      .int('a whole number of days between 1 and 90')
      .min(1, 'a whole number of days between 1 and 90')
      .max(90, 'a whole number of days between 1 and 90')
      .default(3),
  ),
  DIGEST_CHANNEL: z.preprocess(
    emptyToUndefined,
    z.string().regex(slackIdPattern('channel'), 'a Slack channel ID such as C0123ABCD (channel details → About)').optional(),
  ),
  DIGEST_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => isCronExpression(value), 'a cron expression such as "0 9 * * *" (minute hour day month weekday)')
      .default('0 9 * * *'),
  ),
  DIGEST_TZ: z.preprocess(
    emptyToUndefined,
    z.string().refine(isTimeZone, 'an IANA time zone such as UTC or Europe/Berlin').default('UTC'),
  ),
  HEALTH_THRESHOLDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseThresholds(value);
        } catch (error) {
          if (!(error instanceof ThresholdsError)) throw error;
          ctx.addIssue({ code: 'custom', message: `a JSON object of threshold overrides: ${error.message.replace(/^health thresholds: /, '')}` });
          return z.NEVER;
        }
      }),
  ),
  /** `dns --all` under `serve`: Monday 06:00 in DIGEST_TZ by default, so the week's first digests read fresh audits; `off` runs none. */
  DNS_AUDIT_CRON: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => value === 'off' || isCronExpression(value), 'a cron expression such as "0 6 * * 1" (minute hour day month weekday), or off')
      .default('0 6 * * 1'),
  ),
  DNS_SERVERS: z.preprocess(commaList, z.array(z.string().regex(dnsServer, dnsServerList), { error: dnsServerList }).default([])),
  DNS_TIMEOUT_MS: milliseconds(50, 60_000, 2_000),
  DNS_DEADLINE_MS: milliseconds(100, 300_000, 10_000),
  DKIM_SELECTORS: z.preprocess(
    commaList,
    z.array(z.string().regex(dnsLabel, 'a comma-separated list of DKIM selectors such as google,selector1'), { error: 'a comma-separated list of DKIM selectors such as google,selector1' }).default([...defaultDkimSelectors]),
  ),
  DNSBL_ZONES: z.preprocess(
    commaList,
    z.array(z.string().regex(dnsLabel, 'a comma-separated list of blocklist zones such as dbl.spamhaus.org'), { error: 'a comma-separated list of blocklist zones such as dbl.spamhaus.org' }).default([...defaultDomainZones]),
  ),
  SPAMHAUS_DQS_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9]{10,64}$/i, 'your Spamhaus Data Query Service key (letters and digits)').optional()),
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_REFRESH_TOKEN: optionalString,
  POSTMASTER_API_URL: httpUrl('https://gmailpostmastertools.googleapis.com/v2/', { slash: true }),
  GOOGLE_TOKEN_URL: httpUrl('https://oauth2.googleapis.com/token', { slash: false }),
  POSTMASTER_TIMEOUT_MS: milliseconds(100, 300_000, 30_000),
  POSTMASTER_DEADLINE_MS: milliseconds(1_000, 1_800_000, 120_000),
  INSTANTLY_API_KEY: apiKey('an Instantly API v2 key with the accounts:update scope (Settings → Integrations → API Keys)'),
  INSTANTLY_API_URL: apiBase('https://api.instantly.ai/api/v2'),
  SMARTLEAD_API_KEY: apiKey('your Smartlead API key (Settings → API Key)'),
  SMARTLEAD_API_URL: apiBase('https://server.smartlead.ai/api/v1'),
  DECISION_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'an http(s) URL to POST each decision to' }).optional()),
  DECISION_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'a random secret of at least 16 characters').optional()),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined),
    z.enum(logLevels, { error: `one of ${logLevels.join(', ')}` }).default('info'),
  ),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

const secretVariables = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DATABASE_URL',
  'SMARTLEAD_WEBHOOK_SECRET',
  'WEBHOOK_TOKEN',
  'SPAMHAUS_DQS_KEY',
  'GOOGLE_CLIENT_SECRET',
  'GOOGLE_REFRESH_TOKEN',
  'INSTANTLY_API_KEY',
  'SMARTLEAD_API_KEY',
  'DECISION_WEBHOOK_URL',
  'DECISION_WEBHOOK_SECRET',
]);

/** The OAuth client and refresh token of the Google account that verified the domains in Postmaster Tools. */
const googleVariables = ['GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', 'GOOGLE_REFRESH_TOKEN'] as const;

export class ConfigError extends UserFacingError {}

/** Reads the environment once; a bad value becomes one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const shown =
      env[name] === undefined || secretVariables.has(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
    throw new ConfigError(`${name} must be ${issue?.message ?? 'valid'}${shown}`);
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET must be set for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  if ((config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET) && !config.SLACK_BOT_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN must be set when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is');
  }
  const missingGoogle = googleVariables.filter((name) => config[name] === undefined);
  if (missingGoogle.length > 0 && missingGoogle.length < googleVariables.length) {
    throw new ConfigError(`${missingGoogle.join(' and ')} must be set too: Google Postmaster Tools needs ${googleVariables.join(', ')} together (README, Google Postmaster Tools)`);
  }
  if (config.DECISION_WEBHOOK_URL && !config.DECISION_WEBHOOK_SECRET) {
    throw new ConfigError('DECISION_WEBHOOK_SECRET must be set when DECISION_WEBHOOK_URL is (each decision is signed with it)');
  }
  return { ...config, dataDir: path.resolve(cwd, config.SMTP_DESK_DATA_DIR) };
}

export interface GoogleCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** The Google OAuth client and refresh token, or null when Postmaster Tools is not set up. */
export function googleCredentials(config: Config): GoogleCredentials | null {
  const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_REFRESH_TOKEN: refreshToken } = config;
  return clientId && clientSecret && refreshToken ? { clientId, clientSecret, refreshToken } : null;
}

/** What to set for `smtp-desk postmaster pull` and serve's pull before the digest. */
export const googleVariablesLine = `set ${googleVariables.join(', ')} (README, Google Postmaster Tools)`;

export type SlackMode = 'socket' | 'http' | 'local';

export function slackMode(config: Config): SlackMode {
  if (!config.SLACK_BOT_TOKEN) return 'local';
  return config.SLACK_APP_TOKEN ? 'socket' : 'http';
}
