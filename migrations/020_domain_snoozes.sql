-- Keep: a flagged domain left in rotation on purpose. The digest does not list it again until the
-- snooze ends or something new happens (a worse verdict, or a rule it was not flagged by when kept):
-- the digest compares `verdict` and `rules` with the day's judgement (see src/health/snooze.ts).

CREATE TABLE domain_snoozes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL REFERENCES sending_domains (domain),
  snoozed_at timestamptz NOT NULL DEFAULT now(),
  -- The digest day Keep was pressed on (UTC); the domain is listed again from `until_day` on.
  day date NOT NULL,
  until_day date NOT NULL CHECK (until_day > day),
  actor text NOT NULL,
  -- What the decider was shown: the verdict and the rules that flagged the domain (null/empty when unknown).
  verdict text CHECK (verdict IN ('pull', 'fix', 'watch', 'healthy')),
  rules text[] NOT NULL DEFAULT '{}',
  source text NOT NULL CHECK (source IN ('button', 'command', 'cli')),
  -- A retried delivery of the same button press snoozes nothing the second time.
  slack_action_ts text
);
CREATE UNIQUE INDEX domain_snoozes_action ON domain_snoozes (domain, slack_action_ts);
CREATE INDEX domain_snoozes_until ON domain_snoozes (until_day, domain);
