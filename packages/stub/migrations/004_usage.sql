-- Schema 4: the request log and the per-minute usage counts of every account and mode (the
-- contract's "Usage"). Instances append in batches; the database enforces the retention itself:
-- after every batch a statement trigger drops, in the partitions the batch touched, batches older
-- than 7 days and those not needed for the newest 10,000 entries, and per-minute counts older
-- than 8 days.
CREATE TABLE regen_request_log (
  -- One row per batch of an instance and partition: the batch's entries as a JSON array of
  -- arrays (see src/usage/pg-usage.ts), so a busy partition costs the database one row per flush,
  -- not one per request.
  chunk_id bigserial PRIMARY KEY,
  account_id text NOT NULL,
  mode text NOT NULL,
  first_at_ms bigint NOT NULL,
  last_at_ms bigint NOT NULL,
  entries_count integer NOT NULL,
  -- JSON text, stored as it comes: never parsed or compressed by the database (reads parse it).
  entries text NOT NULL
);
ALTER TABLE regen_request_log ALTER COLUMN entries SET STORAGE EXTERNAL;
CREATE INDEX regen_request_log_partition ON regen_request_log (account_id, mode, chunk_id DESC);

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
  keep_from bigint;
BEGIN
  FOR part IN SELECT DISTINCT account_id, mode FROM inserted LOOP
    DELETE FROM regen_request_log
      WHERE account_id = part.account_id AND mode = part.mode AND last_at_ms < now_ms - 7 * 86400000;
    -- The oldest batch still needed so that the newer ones hold 10,000 entries: older ones go.
    SELECT chunk_id INTO keep_from FROM (
      SELECT chunk_id, sum(entries_count) OVER (ORDER BY chunk_id DESC) AS newer
      FROM regen_request_log WHERE account_id = part.account_id AND mode = part.mode
    ) t WHERE newer >= 10000 ORDER BY chunk_id DESC LIMIT 1;
    IF keep_from IS NOT NULL THEN
      DELETE FROM regen_request_log
        WHERE account_id = part.account_id AND mode = part.mode AND chunk_id < keep_from;
    END IF;
  END LOOP;
  DELETE FROM regen_usage_minutes WHERE minute < (now_ms / 60000) - 8 * 1440;
  RETURN NULL;
END $$;

CREATE TRIGGER regen_request_log_retention
  AFTER INSERT ON regen_request_log
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION regen_usage_retention();
