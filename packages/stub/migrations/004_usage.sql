-- Schema 4: the request log and the per-minute usage counts of every account and mode (the
-- contract's "Usage"). Instances append in batches; the database enforces the retention itself:
-- after every batch a statement trigger drops, in the partitions the batch touched, log entries
-- older than 7 days and all but the newest 10,000, and per-minute counts older than 8 days.
CREATE TABLE regen_request_log (
  seq bigserial PRIMARY KEY,
  account_id text NOT NULL,
  mode text NOT NULL,
  at_ms bigint NOT NULL,
  request_id text NOT NULL,
  method text NOT NULL,
  operation_id text NOT NULL,
  path text NOT NULL,
  status smallint NOT NULL,
  status_class text NOT NULL,
  duration_ms real NOT NULL,
  credential_type text NOT NULL,
  credential_id text NOT NULL,
  key_prefix text,
  client_address text NOT NULL,
  user_agent text,
  error_code text
);
CREATE INDEX regen_request_log_newest ON regen_request_log (account_id, mode, at_ms DESC, seq DESC);

CREATE TABLE regen_usage_minutes (
  account_id text NOT NULL,
  mode text NOT NULL,
  -- '*' for every credential of the partition, else an API key id.
  selector text NOT NULL,
  minute integer NOT NULL,
  status_2xx integer NOT NULL,
  status_4xx integer NOT NULL,
  status_429 integer NOT NULL,
  status_5xx integer NOT NULL,
  -- Durations on the stub's log scale (0.05 ms × 1.2^i), one count per bucket.
  histogram integer[] NOT NULL,
  PRIMARY KEY (account_id, mode, selector, minute)
);
CREATE INDEX regen_usage_minutes_age ON regen_usage_minutes (minute);

CREATE FUNCTION regen_usage_retention() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  part record;
  now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
  cutoff record;
BEGIN
  FOR part IN SELECT DISTINCT account_id, mode FROM inserted LOOP
    DELETE FROM regen_request_log
      WHERE account_id = part.account_id AND mode = part.mode AND at_ms < now_ms - 7 * 86400000;
    SELECT at_ms, seq INTO cutoff FROM regen_request_log
      WHERE account_id = part.account_id AND mode = part.mode
      ORDER BY at_ms DESC, seq DESC OFFSET 10000 LIMIT 1;
    IF FOUND THEN
      DELETE FROM regen_request_log
        WHERE account_id = part.account_id AND mode = part.mode
          AND (at_ms, seq) <= (cutoff.at_ms, cutoff.seq);
    END IF;
  END LOOP;
  DELETE FROM regen_usage_minutes WHERE minute < (now_ms / 60000) - 8 * 1440;
  RETURN NULL;
END $$;

CREATE TRIGGER regen_request_log_retention
  AFTER INSERT ON regen_request_log
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION regen_usage_retention();
