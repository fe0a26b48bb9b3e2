-- One row per DNS audit of a sending domain (`smtp-desk dns --all`): when, the verdict, and the
-- findings exactly as `smtp-desk dns --json` prints them ({code, severity, message, record, fix}).
CREATE TABLE dns_audits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL REFERENCES sending_domains (domain),
  checked_at timestamptz NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('pass', 'warn', 'fail', 'error')),
  findings jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array')
);
-- The last audit of a domain, and of every domain.
CREATE INDEX dns_audits_domain_checked_at ON dns_audits (domain, checked_at DESC);
