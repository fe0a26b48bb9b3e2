-- The sending fleet (domains, inboxes, status history), the facts imported about it (bounce events,
-- daily sends, daily spam complaints) and the rollups the digest reads. docs/data-model.md documents
-- every table and column, the triggers, and how to load rows with plain SQL.
--
-- Days and hours are UTC: a rollup day is (occurred_at AT TIME ZONE 'UTC')::date.

-- ---------------------------------------------------------------------------------------------
-- Fleet
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sending_domains (
  domain text PRIMARY KEY CHECK (domain ~ '^[a-z0-9._-]+\.[a-z0-9-]+$'),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pulled', 'reserved')),
  provider text CHECK (provider IN ('google', 'microsoft', 'smtp', 'other')),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sending_inboxes (
  address text PRIMARY KEY CHECK (address ~ '^[^@\s]+@[^@\s]+$' AND address = lower(address)),
  domain text NOT NULL REFERENCES sending_domains (domain)
    CHECK (domain = substring(address FROM '@([^@]+)$')),
  provider text CHECK (provider IN ('google', 'microsoft', 'smtp', 'other')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sending_inboxes_domain ON sending_inboxes (domain);

-- Every status change, in order. Inserting a row IS the status change: the triggers below check
-- that from_status is the domain's current status and then move the domain to to_status.
CREATE TABLE domain_status_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL REFERENCES sending_domains (domain),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL CHECK (actor <> ''),
  from_status text CHECK (from_status IN ('active', 'pulled', 'reserved')),
  to_status text NOT NULL CHECK (to_status IN ('active', 'pulled', 'reserved')),
  reason text,
  source text NOT NULL CHECK (source IN ('button', 'command', 'cli', 'import', 'demo')),
  slack_action_ts text,
  CHECK (from_status IS DISTINCT FROM to_status)
);
CREATE INDEX domain_status_history_domain_at ON domain_status_history (domain, at DESC);
-- A Slack retry of the same button press carries the same action_ts: it must not act twice.
CREATE UNIQUE INDEX domain_status_history_slack_action
  ON domain_status_history (domain, slack_action_ts) WHERE slack_action_ts IS NOT NULL;

CREATE FUNCTION domain_status_history_fill_from() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.from_status IS NULL THEN
    SELECT status INTO NEW.from_status FROM sending_domains WHERE domain = NEW.domain;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION domain_status_history_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sending_domains SET status = NEW.to_status, status_changed_at = NEW.at
   WHERE domain = NEW.domain AND status = NEW.from_status;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'domain % is not % (its status changed meanwhile, or it does not exist)', NEW.domain, NEW.from_status
      USING ERRCODE = 'SD409';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION domain_status_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'domain_status_history is append-only: % is not allowed', TG_OP USING ERRCODE = 'SD405';
END $$;

CREATE TRIGGER fill_from BEFORE INSERT ON domain_status_history
  FOR EACH ROW EXECUTE FUNCTION domain_status_history_fill_from();
CREATE TRIGGER apply_status AFTER INSERT ON domain_status_history
  FOR EACH ROW EXECUTE FUNCTION domain_status_history_apply();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON domain_status_history
  FOR EACH ROW EXECUTE FUNCTION domain_status_history_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON domain_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION domain_status_history_append_only();

-- A domain's status changes only through a history row (the apply trigger runs at depth 2).
CREATE FUNCTION sending_domains_guard_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'change the status of % by inserting into domain_status_history', OLD.domain
      USING ERRCODE = 'SD405';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER guard_status BEFORE UPDATE ON sending_domains
  FOR EACH ROW EXECUTE FUNCTION sending_domains_guard_status();

-- ---------------------------------------------------------------------------------------------
-- Facts
-- ---------------------------------------------------------------------------------------------

CREATE TABLE bounce_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  sending_inbox text NOT NULL CHECK (sending_inbox ~ '^[^@\s]+@[^@\s]+$' AND sending_inbox = lower(sending_inbox)),
  sending_domain text NOT NULL GENERATED ALWAYS AS (substring(sending_inbox FROM '@([^@]+)$')) STORED,
  recipient text NOT NULL CHECK (recipient ~ '^[^@\s]+@[^@\s]+$' AND recipient = lower(recipient)),
  recipient_domain text NOT NULL GENERATED ALWAYS AS (substring(recipient FROM '@([^@]+)$')) STORED,
  reply_code smallint CHECK (reply_code BETWEEN 200 AND 599),
  enhanced_code text CHECK (enhanced_code ~ '^[245]\.[0-9]{1,3}\.[0-9]{1,3}$'),
  -- 5 = permanent (bounce), 4 = temporary (deferral), 2 = delivered; from the reply code, else the enhanced code.
  reply_class smallint GENERATED ALWAYS AS (coalesce(reply_code / 100, left(enhanced_code, 1)::smallint)) STORED,
  diagnostic text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT 'unknown' CHECK (category IN (
    'delivered', 'invalid_recipient', 'mailbox_full', 'rate_limited', 'greylisted', 'authentication',
    'reputation', 'spam_content', 'policy', 'sender_credentials', 'protocol', 'relay_denied',
    'message_too_big', 'server_error', 'unknown')),
  auth_check text CHECK (auth_check IN ('spf', 'dkim', 'dmarc', 'ptr', 'multiple')),
  provider text,
  sequencer text NOT NULL DEFAULT 'generic' CHECK (sequencer ~ '^[a-z0-9_-]{1,40}$'),
  campaign text,
  external_id text CHECK (external_id <> ''),
  -- Identity of an event without an external id: when, who sent, to whom, and what the receiver said.
  content_hash bytea GENERATED ALWAYS AS (
    CASE WHEN external_id IS NULL THEN decode(md5(
      extract(epoch FROM occurred_at AT TIME ZONE 'UTC')::text || E'\n' || sending_inbox || E'\n' ||
      recipient || E'\n' || diagnostic), 'hex') END) STORED,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bounce_events_external_id ON bounce_events (sequencer, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX bounce_events_content_hash ON bounce_events (content_hash) WHERE external_id IS NULL;
CREATE INDEX bounce_events_domain_time ON bounce_events (sending_domain, occurred_at);

-- One row per inbox and UTC day; a re-import replaces `sent`.
CREATE TABLE daily_sends (
  day date NOT NULL,
  sending_inbox text NOT NULL CHECK (sending_inbox ~ '^[^@\s]+@[^@\s]+$' AND sending_inbox = lower(sending_inbox)),
  sending_domain text NOT NULL GENERATED ALWAYS AS (substring(sending_inbox FROM '@([^@]+)$')) STORED,
  sent integer NOT NULL CHECK (sent >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, sending_inbox)
);

-- One row per sending domain and day: a complaint count, a provider-reported spam rate, or both.
CREATE TABLE daily_complaints (
  day date NOT NULL,
  sending_domain text NOT NULL CHECK (sending_domain ~ '^[a-z0-9._-]+\.[a-z0-9-]+$'),
  complaints integer CHECK (complaints >= 0),
  spam_rate numeric(8, 6) CHECK (spam_rate BETWEEN 0 AND 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, sending_domain),
  CHECK (complaints IS NOT NULL OR spam_rate IS NOT NULL)
);

-- ---------------------------------------------------------------------------------------------
-- Rollups (maintained by the statement-level triggers below; never written directly)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE bounce_daily (
  day date NOT NULL,
  sending_domain text NOT NULL,
  events integer NOT NULL,
  bounces integer NOT NULL,
  deferrals integer NOT NULL,
  invalid integer NOT NULL,
  reputation_blocks integer NOT NULL,
  c554 integer NOT NULL,
  auth_failures integer NOT NULL,
  auth_spf integer NOT NULL,
  auth_dkim integer NOT NULL,
  auth_dmarc integer NOT NULL,
  auth_ptr integer NOT NULL,
  auth_multiple integer NOT NULL,
  min_bounce_recipient text,
  max_bounce_recipient text,
  PRIMARY KEY (day, sending_domain)
);

CREATE TABLE bounce_daily_recipient_domains (
  day date NOT NULL,
  sending_domain text NOT NULL,
  recipient_domain text NOT NULL,
  events integer NOT NULL,
  bounces integer NOT NULL,
  deferrals integer NOT NULL,
  invalid integer NOT NULL,
  reputation_blocks integer NOT NULL,
  PRIMARY KEY (day, sending_domain, recipient_domain)
);

CREATE TABLE bounce_hourly (
  hour timestamptz NOT NULL,
  sending_domain text NOT NULL,
  events integer NOT NULL,
  deferrals integer NOT NULL,
  throttled integer NOT NULL,
  greylisted integer NOT NULL,
  PRIMARY KEY (hour, sending_domain)
);

CREATE TABLE send_daily (
  day date NOT NULL,
  sending_domain text NOT NULL,
  sent bigint NOT NULL,
  inboxes integer NOT NULL,
  PRIMARY KEY (day, sending_domain)
);

-- The statements that add the bounce events of `source` (a relation name or a parenthesised query
-- over bounce_events' columns) to the three bounce rollups. The triggers EXECUTE them, so the
-- counting rules live in this one place.
CREATE FUNCTION bounce_rollup_statements(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
format($q$
INSERT INTO bounce_daily AS r
SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.sending_domain,
       count(*),
       count(*) FILTER (WHERE e.reply_class = 5),
       count(*) FILTER (WHERE e.reply_class = 4),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category = 'invalid_recipient'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category IN ('reputation', 'spam_content')),
       count(*) FILTER (WHERE e.reply_code = 554),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category = 'authentication'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.auth_check = 'spf'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.auth_check = 'dkim'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.auth_check = 'dmarc'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.auth_check = 'ptr'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.auth_check = 'multiple'),
       min(e.recipient) FILTER (WHERE e.reply_class = 5),
       max(e.recipient) FILTER (WHERE e.reply_class = 5)
  FROM %1$s e GROUP BY 1, 2 ORDER BY 1, 2
ON CONFLICT (day, sending_domain) DO UPDATE SET
  events = r.events + excluded.events, bounces = r.bounces + excluded.bounces,
  deferrals = r.deferrals + excluded.deferrals, invalid = r.invalid + excluded.invalid,
  reputation_blocks = r.reputation_blocks + excluded.reputation_blocks, c554 = r.c554 + excluded.c554,
  auth_failures = r.auth_failures + excluded.auth_failures,
  auth_spf = r.auth_spf + excluded.auth_spf, auth_dkim = r.auth_dkim + excluded.auth_dkim,
  auth_dmarc = r.auth_dmarc + excluded.auth_dmarc, auth_ptr = r.auth_ptr + excluded.auth_ptr,
  auth_multiple = r.auth_multiple + excluded.auth_multiple,
  min_bounce_recipient = least(r.min_bounce_recipient, excluded.min_bounce_recipient),
  max_bounce_recipient = greatest(r.max_bounce_recipient, excluded.max_bounce_recipient)
$q$, source),
format($q$
INSERT INTO bounce_daily_recipient_domains AS r
SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.sending_domain, e.recipient_domain,
       count(*),
       count(*) FILTER (WHERE e.reply_class = 5),
       count(*) FILTER (WHERE e.reply_class = 4),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category = 'invalid_recipient'),
       count(*) FILTER (WHERE e.reply_class = 5 AND e.category IN ('reputation', 'spam_content'))
  FROM %1$s e GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (day, sending_domain, recipient_domain) DO UPDATE SET
  events = r.events + excluded.events, bounces = r.bounces + excluded.bounces,
  deferrals = r.deferrals + excluded.deferrals, invalid = r.invalid + excluded.invalid,
  reputation_blocks = r.reputation_blocks + excluded.reputation_blocks
$q$, source),
format($q$
INSERT INTO bounce_hourly AS r
SELECT date_bin('1 hour', e.occurred_at, timestamptz '2000-01-01 00:00:00+00'), e.sending_domain,
       count(*),
       count(*) FILTER (WHERE e.reply_class = 4),
       count(*) FILTER (WHERE e.reply_class = 4 AND (e.reply_code = 421 OR e.category = 'rate_limited')),
       count(*) FILTER (WHERE e.reply_class = 4 AND e.category = 'greylisted')
  FROM %1$s e GROUP BY 1, 2 ORDER BY 1, 2
ON CONFLICT (hour, sending_domain) DO UPDATE SET
  events = r.events + excluded.events, deferrals = r.deferrals + excluded.deferrals,
  throttled = r.throttled + excluded.throttled, greylisted = r.greylisted + excluded.greylisted
$q$, source)]
$fn$;

-- New events: register unseen domains and inboxes, then add the events to the rollups.
CREATE FUNCTION bounce_events_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  INSERT INTO sending_domains (domain)
    SELECT DISTINCT sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  INSERT INTO sending_inboxes (address, domain)
    SELECT DISTINCT sending_inbox, sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  FOREACH statement IN ARRAY bounce_rollup_statements('new_rows') LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

-- Deleted or changed events: rebuild the rollups of every (UTC day, sending domain) they touched
-- (`touched`: a parenthesised query of day, sending_domain) from the events that remain.
CREATE FUNCTION bounce_rollup_rebuild_statements(touched text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
  format($q$DELETE FROM bounce_daily r USING %1$s k WHERE r.day = k.day AND r.sending_domain = k.sending_domain$q$, touched),
  format($q$DELETE FROM bounce_daily_recipient_domains r USING %1$s k
    WHERE r.day = k.day AND r.sending_domain = k.sending_domain$q$, touched),
  format($q$DELETE FROM bounce_hourly r USING %1$s k
    WHERE r.sending_domain = k.sending_domain AND (r.hour AT TIME ZONE 'UTC')::date = k.day$q$, touched)
] || bounce_rollup_statements(format($q$(
    SELECT e.* FROM bounce_events e JOIN %1$s k ON e.sending_domain = k.sending_domain
       AND e.occurred_at >= k.day::timestamp AT TIME ZONE 'UTC'
       AND e.occurred_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC')$q$, touched))
$fn$;

CREATE FUNCTION bounce_events_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY bounce_rollup_rebuild_statements(
    '(SELECT DISTINCT (occurred_at AT TIME ZONE ''UTC'')::date AS day, sending_domain FROM old_rows)') LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION bounce_events_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  FOREACH statement IN ARRAY bounce_rollup_rebuild_statements(
    '(SELECT (occurred_at AT TIME ZONE ''UTC'')::date AS day, sending_domain FROM old_rows
      UNION SELECT (occurred_at AT TIME ZONE ''UTC'')::date, sending_domain FROM new_rows)') LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION bounce_events_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE bounce_daily, bounce_daily_recipient_domains, bounce_hourly;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_insert AFTER INSERT ON bounce_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bounce_events_after_insert();
CREATE TRIGGER rollup_delete AFTER DELETE ON bounce_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bounce_events_after_delete();
CREATE TRIGGER rollup_update AFTER UPDATE ON bounce_events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bounce_events_after_update();
CREATE TRIGGER rollup_truncate AFTER TRUNCATE ON bounce_events
  FOR EACH STATEMENT EXECUTE FUNCTION bounce_events_after_truncate();

-- Sends are additive: each statement adds sent(new) - sent(old) and inboxes(new) - inboxes(old).
CREATE FUNCTION send_rollup_statement(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
INSERT INTO send_daily AS r
SELECT day, sending_domain, sum(sent), sum(inboxes) FROM %1$s d GROUP BY 1, 2 ORDER BY 1, 2
ON CONFLICT (day, sending_domain) DO UPDATE SET sent = r.sent + excluded.sent, inboxes = r.inboxes + excluded.inboxes
$q$, deltas)
$fn$;

CREATE FUNCTION daily_sends_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sending_domains (domain)
    SELECT DISTINCT sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  INSERT INTO sending_inboxes (address, domain)
    SELECT DISTINCT sending_inbox, sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  EXECUTE send_rollup_statement('(SELECT day, sending_domain, sent, 1 AS inboxes FROM new_rows)');
  RETURN NULL;
END $$;

CREATE FUNCTION daily_sends_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sending_domains (domain)
    SELECT DISTINCT sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  INSERT INTO sending_inboxes (address, domain)
    SELECT DISTINCT sending_inbox, sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  EXECUTE send_rollup_statement('(SELECT day, sending_domain, sent, 1 AS inboxes FROM new_rows
    UNION ALL SELECT day, sending_domain, -sent, -1 FROM old_rows)');
  DELETE FROM send_daily WHERE inboxes = 0;
  RETURN NULL;
END $$;

CREATE FUNCTION daily_sends_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE send_rollup_statement('(SELECT day, sending_domain, -sent AS sent, -1 AS inboxes FROM old_rows)');
  DELETE FROM send_daily WHERE inboxes = 0;
  RETURN NULL;
END $$;

CREATE FUNCTION daily_sends_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE send_daily;
  RETURN NULL;
END $$;

CREATE TRIGGER rollup_insert AFTER INSERT ON daily_sends
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_sends_after_insert();
CREATE TRIGGER rollup_update AFTER UPDATE ON daily_sends
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_sends_after_update();
CREATE TRIGGER rollup_delete AFTER DELETE ON daily_sends
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_sends_after_delete();
CREATE TRIGGER rollup_truncate AFTER TRUNCATE ON daily_sends
  FOR EACH STATEMENT EXECUTE FUNCTION daily_sends_after_truncate();

-- Complaints are already one row per domain and day; only the domain needs registering.
CREATE FUNCTION daily_complaints_register_domains() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sending_domains (domain)
    SELECT DISTINCT sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER register_domains AFTER INSERT ON daily_complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_complaints_register_domains();
