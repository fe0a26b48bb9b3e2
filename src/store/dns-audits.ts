import type { DnsAudit } from '../dns/index.js';
import type { Queryable } from './store.js';

/** Stores the audits of known sending domains (one statement for the batch; others are left out); returns how many were stored. */
export async function insertDnsAudits(db: Queryable, audits: readonly DnsAudit[]): Promise<number> {
  if (audits.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO dns_audits (domain, checked_at, verdict, findings)
     SELECT u.domain, u.checked_at, u.verdict, u.findings
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::jsonb[]) AS u(domain, checked_at, verdict, findings)
       JOIN sending_domains d ON d.domain = u.domain`,
    [audits.map((a) => a.domain), audits.map((a) => a.checked_at), audits.map((a) => a.verdict), audits.map((a) => JSON.stringify(a.findings))],
  );
  return rowCount ?? 0;
}

interface AuditRow {
  domain: string;
  checked_at: Date;
  verdict: DnsAudit['verdict'];
  findings: DnsAudit['findings'];
}

const toAudit = (row: AuditRow): DnsAudit => ({ domain: row.domain, checked_at: row.checked_at.toISOString(), verdict: row.verdict, findings: row.findings });

/** The newest audit of each of `domains` that has one. */
export async function latestDnsAudits(db: Queryable, domains: readonly string[]): Promise<DnsAudit[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT a.domain, a.checked_at, a.verdict, a.findings
       FROM unnest($1::text[]) AS d(domain)
       CROSS JOIN LATERAL (SELECT * FROM dns_audits x WHERE x.domain = d.domain ORDER BY x.checked_at DESC, x.id DESC LIMIT 1) a
      ORDER BY a.domain`,
    [domains],
  );
  return rows.map(toAudit);
}

/** The active domains whose last audit failed, by name, at most `limit` of them, and how many there are. */
export async function failingActiveAudits(db: Queryable, limit: number): Promise<{ audits: DnsAudit[]; total: number }> {
  const { rows } = await db.query<AuditRow & { total: string }>(
    `WITH latest AS (
       SELECT DISTINCT ON (a.domain) a.domain, a.checked_at, a.verdict, a.findings
         FROM dns_audits a JOIN sending_domains d ON d.domain = a.domain AND d.status = 'active'
        ORDER BY a.domain, a.checked_at DESC, a.id DESC
     )
     SELECT domain, checked_at, verdict, findings, count(*) OVER () AS total FROM latest WHERE verdict = 'fail' ORDER BY domain LIMIT $1`,
    [limit],
  );
  return { audits: rows.map(toAudit), total: Number(rows[0]?.total ?? 0) };
}
