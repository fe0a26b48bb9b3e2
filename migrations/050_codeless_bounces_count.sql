-- A bounce event that carries no reply code and no enhanced code now counts as a bounce.
--
-- Sequencers report a bounce only once they have given up on the address (Instantly's
-- email_bounced carries no reply text at all; others send a text without a code). Such events have
-- no reply_class, and the rollups counted only reply_class = 5 as a bounce, so 20 of them on 120
-- sends read as a clean day. Now an event without a reply class is a bounce, with the category the
-- text gives (unknown when it says nothing); an event whose code starts with 4 stays a deferral, and
-- one whose code starts with 2 is neither.
--
-- The rule is written once, in counts_as_bounce, which both the rollups' statements and the
-- recipient-domain counts call (an inlinable SQL function: no cost per row over the comparison).
-- Then the stored days with such events are counted again from their events.

CREATE FUNCTION counts_as_bounce(reply_class smallint) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
SELECT coalesce(reply_class, 5) = 5
$fn$;

CREATE OR REPLACE FUNCTION bounce_rollup_statements(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
format($q$
INSERT INTO bounce_daily AS r
SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.sending_domain,
       count(*),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class)),
       count(*) FILTER (WHERE e.reply_class = 4),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.category = 'invalid_recipient'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.category IN ('reputation', 'spam_content')),
       count(*) FILTER (WHERE e.reply_code = 554),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.category = 'authentication'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.auth_check = 'spf'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.auth_check = 'dkim'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.auth_check = 'dmarc'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.auth_check = 'ptr'),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.auth_check = 'multiple'),
       min(e.recipient) FILTER (WHERE counts_as_bounce(e.reply_class)),
       max(e.recipient) FILTER (WHERE counts_as_bounce(e.reply_class)),
       max(date_bin('1 hour', e.occurred_at, timestamptz '2000-01-01 00:00:00+00'))
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
  max_bounce_recipient = greatest(r.max_bounce_recipient, excluded.max_bounce_recipient),
  last_event_hour = greatest(r.last_event_hour, excluded.last_event_hour)
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

-- As in 030 (its search_path left unpinned so that it is inlined into the calling query).
CREATE OR REPLACE FUNCTION bounce_recipient_domain_counts(day date, domains text[])
RETURNS TABLE (sending_domain text, bounce_recipient_domains integer, reputation_recipient_domains integer)
LANGUAGE sql STABLE AS $fn$
SELECT e.sending_domain,
       count(DISTINCT e.recipient_domain) FILTER (WHERE counts_as_bounce(e.reply_class))::int,
       count(DISTINCT e.recipient_domain) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.category IN ('reputation', 'spam_content'))::int
  FROM bounce_events e
 WHERE e.occurred_at >= day::timestamp AT TIME ZONE 'UTC' AND e.occurred_at < (day + 1)::timestamp AT TIME ZONE 'UTC'
   AND (domains IS NULL OR e.sending_domain = ANY (domains))
 GROUP BY e.sending_domain
$fn$;

-- The stored days that hold an event without a reply class, counted again from their events with
-- the statements the delete and update triggers use.
CREATE TEMPORARY TABLE codeless_days ON COMMIT DROP AS
  SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date AS day, sending_domain FROM bounce_events WHERE reply_class IS NULL;

DO $do$
DECLARE
  statement text;
BEGIN
  SET LOCAL work_mem = '64MB';
  FOREACH statement IN ARRAY bounce_rollup_rebuild_statements('codeless_days') LOOP
    EXECUTE statement;
  END LOOP;
END $do$;
