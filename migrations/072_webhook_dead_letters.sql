-- Webhook payloads that were authenticated and JSON but that the sequencer's adapter could not read
-- (a missing field, a shape it did not expect). They are answered 2xx, so the sequencer neither
-- drops them for good nor switches the webhook off, and held here with the reason until
-- `smtp-desk rejects --replay` stores them through the current adapters.
CREATE TABLE webhook_dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sequencer text NOT NULL CHECK (sequencer ~ '^[a-z0-9_-]+$' AND length(sequencer) <= 40),
  -- One payload as it came (an element of a delivered array is held on its own).
  payload jsonb NOT NULL,
  reason text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- When a replay stored it (or found it stored); null while it is held.
  replayed_at timestamptz
);
-- A sequencer retrying the same payload holds it once.
CREATE UNIQUE INDEX webhook_dead_letters_payload ON webhook_dead_letters (sequencer, md5(payload::text));
CREATE INDEX webhook_dead_letters_held ON webhook_dead_letters (id) WHERE replayed_at IS NULL;
