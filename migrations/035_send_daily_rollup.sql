-- send_daily is the per-domain rollup of daily_sends (the imported facts, one row per inbox and day),
-- and the two names read alike. The rollup's name now says what it is; its rows, its indexes and the
-- triggers that keep it stay as they were.
ALTER TABLE send_daily RENAME TO send_daily_rollup;
ALTER TABLE send_daily_rollup RENAME CONSTRAINT send_daily_pkey TO send_daily_rollup_pkey;
ALTER INDEX send_daily_domain_day RENAME TO send_daily_rollup_domain_day;

-- The functions that name the table, as in 002, with the new name (and the trigger functions pinned
-- to their schema again, as 003 did: replacing a function drops its settings).
CREATE OR REPLACE FUNCTION send_rollup_statement(deltas text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
INSERT INTO send_daily_rollup AS r
SELECT day, sending_domain, sum(sent), sum(inboxes) FROM %1$s d GROUP BY 1, 2 ORDER BY 1, 2
ON CONFLICT (day, sending_domain) DO UPDATE SET sent = r.sent + excluded.sent, inboxes = r.inboxes + excluded.inboxes
$q$, deltas)
$fn$;

CREATE OR REPLACE FUNCTION daily_sends_after_update() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO sending_domains (domain)
    SELECT DISTINCT sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  INSERT INTO sending_inboxes (address, domain)
    SELECT DISTINCT sending_inbox, sending_domain FROM new_rows ORDER BY 1 ON CONFLICT DO NOTHING;
  EXECUTE send_rollup_statement('(SELECT day, sending_domain, sent, 1 AS inboxes FROM new_rows
    UNION ALL SELECT day, sending_domain, -sent, -1 FROM old_rows)');
  DELETE FROM send_daily_rollup WHERE inboxes = 0;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION daily_sends_after_delete() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  EXECUTE send_rollup_statement('(SELECT day, sending_domain, -sent AS sent, -1 AS inboxes FROM old_rows)');
  DELETE FROM send_daily_rollup WHERE inboxes = 0;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION daily_sends_after_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  TRUNCATE send_daily_rollup;
  RETURN NULL;
END $$;
