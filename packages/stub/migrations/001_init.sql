-- Schema 1 of the stub's PostgreSQL storage (--database-url). Applied once, in a transaction,
-- by the first instance that starts (src/shared/migrate.ts); never edit an applied migration:
-- add 002_….sql instead.
--
-- Every resource is one row of regen_records (its JSON as the API returns it, plus the stub's
-- private fields). `version` is the data version of the transaction that last changed the row;
-- instances pull the rows whose version is newer than theirs, so every instance sees every
-- committed change. Deleted rows stay as tombstones (deleted = true) so the pull sees deletions.
CREATE SEQUENCE regen_version;

CREATE TABLE regen_records (
  kind    text    NOT NULL,
  id      text    NOT NULL,
  pos     bigserial,
  data    json,
  deleted boolean NOT NULL DEFAULT false,
  version bigint  NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX regen_records_version ON regen_records (version);

-- Instance-wide settings shared by every instance (the JWT secret, whether the seed ran).
CREATE TABLE regen_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
