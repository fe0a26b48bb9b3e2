import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authChecks, verdicts } from '../../src/health/index.js';
import { smtpStages } from '../../src/knowledge/phrases.js';
import { categories } from '../../src/knowledge/types.js';
import type { DigestRunStatus } from '../../src/store/digest-runs.js';
import type { DnsAuditRunStatus } from '../../src/store/dns-audit-runs.js';
import { domainStatuses } from '../../src/fleet/lifecycle.js';
import { mailboxProviders, statusSources } from '../../src/store/fleet.js';
import type { SnoozeInput } from '../../src/store/snoozes.js';
import { sequencerTools, syncActions, syncStates, syncTools } from '../../src/store/outbox.js';
import type { Verdict as DnsVerdict } from '../../src/dns/findings.js';
import type { PostmasterPullStatus } from '../../src/store/postmaster-pulls.js';
import { databaseLabel, openTestStore, type TestStore } from '../support/db.js';

/** A union without a runtime list, spelt out here: TypeScript refuses a missing or an extra member. */
const members = <T extends string>(all: Record<T, true>): readonly T[] => Object.keys(all) as T[];

/** Every `column IN (...)` CHECK of the schema against the TypeScript union its values must match. */
const unions: Record<string, readonly string[]> = {
  'sending_domains.status': domainStatuses,
  'sending_domains.provider': mailboxProviders,
  'sending_inboxes.provider': mailboxProviders,
  'domain_status_history.from_status': domainStatuses,
  'domain_status_history.to_status': domainStatuses,
  'domain_status_history.source': statusSources,
  'bounce_events.category': categories,
  'bounce_events.auth_check': authChecks,
  'bounce_events.smtp_stage': smtpStages,
  'digest_runs.status': members<DigestRunStatus>({ claimed: true, posted: true, failed: true }),
  'domain_snoozes.verdict': verdicts,
  'domain_snoozes.source': members<SnoozeInput['source']>({ button: true, command: true, cli: true }),
  'dns_audit_runs.status': members<DnsAuditRunStatus>({ claimed: true, done: true, failed: true }),
  'sync_outbox.tool': syncTools,
  'sync_outbox.action': syncActions,
  'sync_outbox.state': syncStates,
  'sync_paused_inboxes.tool': sequencerTools,
  'dns_audits.verdict': members<DnsVerdict>({ pass: true, warn: true, fail: true, error: true }),
  'postmaster_pulls.status': members<PostmasterPullStatus>({ claimed: true, done: true, failed: true }),
};

/** `CHECK ((status = ANY (ARRAY['active'::text, …])))`, as pg_get_constraintdef prints an IN list. */
const inList = /\(\(?(\w+) = ANY \(ARRAY\[([^\]]*)\]\)/g;

describe(`CHECK lists on ${databaseLabel}`, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => store.close());

  it('allow exactly the values of the TypeScript union each one mirrors', async () => {
    const { rows } = await store.pool.query<{ table: string; definition: string }>(
      `SELECT conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE contype = 'c' AND connamespace = current_schema()::regnamespace`,
    );
    const lists: Record<string, string[]> = {};
    for (const { table, definition } of rows) {
      for (const [, column, values] of definition.matchAll(inList)) {
        lists[`${table}.${column}`] = [...values!.matchAll(/'([^']*)'::text/g)].map((match) => match[1]!).sort();
      }
    }
    const expected = Object.fromEntries(Object.entries(unions).map(([key, values]) => [key, [...values].sort()]));
    expect(lists).toEqual(expected);
  });
});
