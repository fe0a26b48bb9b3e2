-- One row per digest day and channel: the claim that makes the daily digest post exactly once,
-- whatever the number of replicas, restarts or Slack errors (see src/digest/post.ts).
--
--   claimed  an instance is posting it (claimed_by); a claim whose heartbeat (claimed_at) is older
--            than the stale limit belongs to a process that died and may be taken over
--   posted   the message and all its threaded replies are in Slack
--   failed   the last attempt failed (error); the next tick tries again
CREATE TABLE digest_runs (
  day date NOT NULL,
  channel text NOT NULL CHECK (channel <> ''),
  status text NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  -- The top-level message, recorded as soon as chat.postMessage returns it; replies go in its thread.
  message_ts text,
  replies_posted integer NOT NULL DEFAULT 0 CHECK (replies_posted >= 0),
  replies_total integer CHECK (replies_total >= 0),
  error text,
  posted_at timestamptz,
  PRIMARY KEY (day, channel),
  CHECK (status <> 'posted' OR (message_ts IS NOT NULL AND posted_at IS NOT NULL))
);

-- persistent_421 reads each domain's throttling streak from bounce_hourly: the few hours with
-- throttling deferrals of the last week (partial index), then per such domain its latest clean hour.
CREATE INDEX bounce_hourly_throttled ON bounce_hourly (hour, sending_domain) WHERE throttled > 0;
CREATE INDEX bounce_hourly_domain_hour ON bounce_hourly (sending_domain, hour);
