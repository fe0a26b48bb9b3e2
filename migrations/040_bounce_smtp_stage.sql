-- The SMTP command a receiver refused (the bounce reader's smtp_stage), so a stored bounce carries
-- the same reading as its lookup: a refusal at MAIL FROM or at connect is about the sender, not the
-- lead. NULL when the text does not show the stage (most single reply lines) and for older rows.
ALTER TABLE bounce_events ADD COLUMN smtp_stage text
  CHECK (smtp_stage IN ('connect', 'helo', 'mail_from', 'rcpt_to', 'data', 'end_of_data', 'tls'));
