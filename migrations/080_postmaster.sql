-- What Google Postmaster Tools reported for a sending domain and day (`smtp-desk postmaster pull`).
-- The spam rate itself goes to daily_complaints.spam_rate, where the digest judges it; this table
-- keeps whether Google reported the day at all (it reports nothing under its volume floor) and the
-- authentication success rates shown on the domain card.
CREATE TABLE postmaster_days (
  day date NOT NULL,
  sending_domain text NOT NULL REFERENCES sending_domains (domain),
  reported boolean NOT NULL,
  spf_success_rate numeric(8, 6) CHECK (spf_success_rate BETWEEN 0 AND 1),
  dkim_success_rate numeric(8, 6) CHECK (dkim_success_rate BETWEEN 0 AND 1),
  dmarc_success_rate numeric(8, 6) CHECK (dmarc_success_rate BETWEEN 0 AND 1),
  pulled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sending_domain, day)
);

-- serve's pull before each digest: one row per digest day, claimed by exactly one replica.
CREATE TABLE postmaster_pulls (
  day date PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('claimed', 'done', 'failed')),
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  finished_at timestamptz,
  error text
);
