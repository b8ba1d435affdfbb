-- Schema 5: data versions per partition, so writes of different accounts never wait for each other.
-- A partition is an account's data in one mode (`<accountId>/<mode>`), or `global` for the account
-- registry (accounts, users, API keys). Each partition has one row in regen_partitions: its data
-- version, and the row lock every write of the partition holds (`SELECT … FOR UPDATE`) instead of
-- the one advisory lock all writes took before. A row's `version` is now its partition's version.
-- Instances pull per partition (`partition = $1 AND version > $2`).
--
-- Upgrade: existing rows keep their versions (from the old global sequence, so increasing within
-- each partition too) and each partition starts at its newest row's. Stop instances of the old
-- schema before starting one of this one: they would still number writes from regen_version.
ALTER TABLE regen_records
  ADD COLUMN partition text GENERATED ALWAYS AS (
    CASE
      WHEN kind LIKE 'acct\_%/%/%' THEN split_part(kind, '/', 1) || '/' || split_part(kind, '/', 2)
      ELSE 'global'
    END) STORED;

CREATE INDEX regen_records_partition_version ON regen_records (partition, version);
-- Only the global pull used it; one index fewer to maintain on every write.
DROP INDEX regen_records_version;

CREATE TABLE regen_partitions (
  partition text PRIMARY KEY,
  version   bigint NOT NULL
);

INSERT INTO regen_partitions (partition, version)
  SELECT partition, max(version) FROM regen_records GROUP BY partition;
