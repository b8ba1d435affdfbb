-- Schema 6: a write commits in one statement when the instance already holds its partitions'
-- latest data. `regen_write`, called on its own (so it is its own transaction):
--   1. locks the version rows of `parts` without waiting: a row another write holds raises
--      SQLSTATE 55P03 (lock_not_available) at once, and the instance runs the write again under
--      the lock, so changes of a write still unsure to commit are never left waiting in memory;
--      returns how long the locking took, in milliseconds;
--   2. raises SQLSTATE RG409 when any of them is no longer at the version in `expected`, the one
--      the instance ran the handler on: another instance committed there meanwhile, and nothing
--      of the call is kept (the instance then pulls and runs the handler again under the lock,
--      the two-round-trip write of schema 5);
--   3. saves `records` (a JSON array of {kind, id, data, deleted, version}, in order) and sets
--      the versions of the partitions in `bumped` to `next`.
-- Instances of schema 5 still work beside it: they take the same row locks and bump the same
-- versions.
CREATE FUNCTION regen_write(parts text[], expected bigint[], records json, bumped text[], next bigint[])
RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
  started timestamptz := clock_timestamp();
  waited float8;
  seen integer := 0;
  locked record;
BEGIN
  -- One pass over the locked rows checks them too (a second query joining the arrays cost
  -- measurably more per write: bench/pg-write-cost.mjs).
  FOR locked IN
    SELECT partition, version FROM regen_partitions
     WHERE partition = ANY (parts) ORDER BY partition FOR UPDATE NOWAIT
  LOOP
    IF locked.version IS DISTINCT FROM expected[array_position(parts, locked.partition)] THEN
      RAISE EXCEPTION 'a partition changed since it was read' USING ERRCODE = 'RG409';
    END IF;
    seen := seen + 1;
  END LOOP;
  IF seen <> cardinality(parts) THEN
    RAISE EXCEPTION 'a partition changed since it was read' USING ERRCODE = 'RG409';
  END IF;
  waited := extract(epoch FROM clock_timestamp() - started) * 1000;
  INSERT INTO regen_records (kind, id, data, deleted, version)
    SELECT r.kind, r.id, r.data, r.deleted, r.version
      FROM ROWS FROM (json_to_recordset(records) AS (kind text, id text, data json, deleted boolean, version bigint))
           WITH ORDINALITY AS r (kind, id, data, deleted, version, n)
     ORDER BY r.n
    ON CONFLICT (kind, id) DO UPDATE
      SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version;
  UPDATE regen_partitions AS p SET version = b.version
    FROM unnest(bumped, next) AS b (partition, version)
   WHERE p.partition = b.partition;
  RETURN waited;
END
$$;
