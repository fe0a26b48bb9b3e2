-- A bounce the sender's side caused (Smartlead's is_sender_originated_bounce: the sending inbox or
-- its server refused, not the lead's address) is kept with the event, and it no longer counts as
-- an invalid address: the invalid-address rate judges the lead list, which such a bounce says
-- nothing about. It still counts as a bounce of the sending domain (its infrastructure failed).
--
-- No stored event carries the flag yet (it is new), so no rollup needs counting again.

ALTER TABLE bounce_events ADD COLUMN sender_originated boolean NOT NULL DEFAULT false;

-- As in 050, with the invalid count leaving out sender-originated bounces.
CREATE OR REPLACE FUNCTION bounce_rollup_statements(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
format($q$
INSERT INTO bounce_daily AS r
SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.sending_domain,
       count(*),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class)),
       count(*) FILTER (WHERE e.reply_class = 4),
       count(*) FILTER (WHERE counts_as_bounce(e.reply_class) AND e.category = 'invalid_recipient' AND NOT e.sender_originated),
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
