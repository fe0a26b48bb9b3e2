-- The transactional outbox of domain decisions (issue #15): the decision's transaction writes one row
-- per configured sending tool (and one for the generic webhook); a worker delivers it with retries,
-- across restarts and replicas, until it settles. See src/sync/ and docs/data-model.md.
--
--   pending  waiting for its next attempt (next_attempt_at), or leased by a worker (lease_until)
--   done     every inbox of the domain was paused / resumed, or the webhook answered 2xx
--   failed   the tool refused (an invalid key, an inbox it would not change) or it was given up
CREATE TABLE sync_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  history_id bigint NOT NULL REFERENCES domain_status_history (id),
  domain text NOT NULL REFERENCES sending_domains (domain),
  tool text NOT NULL CHECK (tool IN ('instantly', 'smartlead', 'webhook')),
  action text NOT NULL CHECK (action IN ('pause', 'resume', 'notify')),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  -- The webhook's exact body, signed and sent byte for byte on every attempt; null for the tools.
  body text,
  -- Where the decision was said in Slack, for the one reply when the row settles.
  slack_channel text,
  slack_thread_ts text,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  leased_by text,
  lease_until timestamptz,
  -- The inboxes this row paused or resumed so far, in order.
  inboxes text[] NOT NULL DEFAULT '{}',
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  UNIQUE (history_id, tool),
  CHECK ((state = 'pending') = (settled_at IS NULL)),
  CHECK ((tool = 'webhook') = (action = 'notify') AND (tool = 'webhook') = (body IS NOT NULL))
);
CREATE INDEX sync_outbox_due ON sync_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX sync_outbox_domain ON sync_outbox (domain, tool, id);

-- The inboxes smtp-desk paused and has not resumed yet: Reactivate resumes exactly these, never an
-- inbox someone else paused. A row is written before the pause call (so a crash in between cannot
-- forget it) and removed once the tool confirms the resume.
CREATE TABLE sync_paused_inboxes (
  tool text NOT NULL CHECK (tool IN ('instantly', 'smartlead')),
  inbox text NOT NULL,
  domain text NOT NULL REFERENCES sending_domains (domain),
  -- The tool's own id of the inbox where its resume call needs one (Smartlead's email_account_id).
  account_id text,
  outbox_id bigint NOT NULL REFERENCES sync_outbox (id),
  paused_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tool, inbox)
);
CREATE INDEX sync_paused_inboxes_domain ON sync_paused_inboxes (tool, domain);
