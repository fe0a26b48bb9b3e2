-- The fleet's trigger functions name their tables unqualified. Pin each to the schema it was
-- created in, so a statement run with another search_path (schema-qualified loads, tools with
-- their own session settings) still maintains the right rollups.
ALTER FUNCTION domain_status_history_fill_from() SET search_path FROM CURRENT;
ALTER FUNCTION domain_status_history_apply() SET search_path FROM CURRENT;
ALTER FUNCTION domain_status_history_append_only() SET search_path FROM CURRENT;
ALTER FUNCTION sending_domains_guard_status() SET search_path FROM CURRENT;
ALTER FUNCTION bounce_events_after_insert() SET search_path FROM CURRENT;
ALTER FUNCTION bounce_events_after_delete() SET search_path FROM CURRENT;
ALTER FUNCTION bounce_events_after_update() SET search_path FROM CURRENT;
ALTER FUNCTION bounce_events_after_truncate() SET search_path FROM CURRENT;
ALTER FUNCTION daily_sends_after_insert() SET search_path FROM CURRENT;
ALTER FUNCTION daily_sends_after_update() SET search_path FROM CURRENT;
ALTER FUNCTION daily_sends_after_delete() SET search_path FROM CURRENT;
ALTER FUNCTION daily_sends_after_truncate() SET search_path FROM CURRENT;
ALTER FUNCTION daily_complaints_register_domains() SET search_path FROM CURRENT;
