-- One row per scheduled DNS audit of the fleet (DNS_AUDIT_CRON in DIGEST_TZ), keyed by the local day
-- it fired on: the claim that makes `serve` audit every active domain once, whatever the number of
-- replicas (the same claim as digest_runs; see src/store/run-claims.ts).
--
--   claimed  an instance is auditing (claimed_by); a claim whose heartbeat (claimed_at) is older than
--            the stale limit belongs to a process that died and may be taken over
--   done     every active domain was audited and stored in dns_audits
--   failed   the last attempt failed (error); the next tick tries again
CREATE TABLE dns_audit_runs (
  day date PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('claimed', 'done', 'failed')),
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  domains_audited integer NOT NULL DEFAULT 0 CHECK (domains_audited >= 0),
  domains_failing integer CHECK (domains_failing >= 0),
  error text,
  done_at timestamptz,
  CHECK (status <> 'done' OR (done_at IS NOT NULL AND domains_failing IS NOT NULL))
);
