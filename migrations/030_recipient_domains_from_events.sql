-- Distinct recipient domains are counted from the events themselves, for the domains that need
-- them, instead of being kept in a per-(day, domain, recipient domain) rollup (measured in
-- BENCHMARKS.md, "Import" and "Digest").
--
-- 1. bounce_daily_recipient_domains gained a row for nearly every event (cold email goes to many
--    company domains), so keeping it cost about as much as a second insert of every bounce. Only two
--    numbers were ever read from it: how many recipient domains bounced, and how many rejected for
--    reputation. Those are needed for the domains the digest lists, and for a domain's card. The new
--    function bounce_recipient_domain_counts(day, domains) counts them exactly, through the
--    (sending_domain, occurred_at) index: the cost follows the events of the domains asked for.
-- 2. The history the digest reads for the domains it lists (8 days of sends, bounces and 554s) is one
--    index range per domain and rollup, not one probe per day.

CREATE OR REPLACE FUNCTION bounce_rollup_statements(source text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
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

CREATE OR REPLACE FUNCTION bounce_rollup_rebuild_statements(touched text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $fn$
SELECT ARRAY[
  format($q$DELETE FROM bounce_daily r USING %1$s k WHERE r.day = k.day AND r.sending_domain = k.sending_domain$q$, touched),
  format($q$DELETE FROM bounce_hourly r USING %1$s k
    WHERE r.sending_domain = k.sending_domain AND (r.hour AT TIME ZONE 'UTC')::date = k.day$q$, touched)
] || bounce_rollup_statements(format($q$(
    SELECT e.* FROM bounce_events e JOIN %1$s k ON e.sending_domain = k.sending_domain
       AND e.occurred_at >= k.day::timestamp AT TIME ZONE 'UTC'
       AND e.occurred_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC')$q$, touched))
$fn$;

CREATE OR REPLACE FUNCTION bounce_events_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE bounce_daily, bounce_hourly;
  RETURN NULL;
END $$;

DROP TABLE bounce_daily_recipient_domains;

-- For the UTC `day`: per sending domain in `domains` (null: every domain with events that day), how
-- many distinct recipient domains bounced (5xx), and how many of them rejected for blocklist,
-- reputation or spam reasons: the same counting rules as bounce_daily's bounces and reputation_blocks.
-- Unlike the trigger functions (003) its search_path is not pinned: that would keep Postgres from
-- inlining it into the calling query, where the domains asked for pick the index.
CREATE FUNCTION bounce_recipient_domain_counts(day date, domains text[])
RETURNS TABLE (sending_domain text, bounce_recipient_domains integer, reputation_recipient_domains integer)
LANGUAGE sql STABLE AS $fn$
SELECT e.sending_domain,
       count(DISTINCT e.recipient_domain) FILTER (WHERE e.reply_class = 5)::int,
       count(DISTINCT e.recipient_domain) FILTER (WHERE e.reply_class = 5 AND e.category IN ('reputation', 'spam_content'))::int
  FROM bounce_events e
 WHERE e.occurred_at >= day::timestamp AT TIME ZONE 'UTC' AND e.occurred_at < (day + 1)::timestamp AT TIME ZONE 'UTC'
   AND (domains IS NULL OR e.sending_domain = ANY (domains))
 GROUP BY e.sending_domain
$fn$;

CREATE INDEX bounce_daily_domain_day ON bounce_daily (sending_domain, day);
CREATE INDEX send_daily_domain_day ON send_daily (sending_domain, day);
