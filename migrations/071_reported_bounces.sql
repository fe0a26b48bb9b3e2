-- The bounces a sequencer counted for an inbox and day (Instantly's daily account analytics carry
-- `bounced` beside `sent`), kept beside the send count: the domain card compares them with the
-- bounce events that reached smtp-desk, so a webhook that lost events shows. Null when the import
-- carried no such count.
ALTER TABLE daily_sends ADD COLUMN reported_bounces integer CHECK (reported_bounces >= 0);
