-- Schema 3: the account, mode and resource of every row as columns of their own, and one view per
-- resource, so that an operator can read a tenant's data with plain SQL
-- (`SELECT data FROM regen_orders WHERE account_id = 'acct_…' AND mode = 'live'`) and the
-- database can index it. The columns are computed from `kind` (and, for users and API keys, from
-- the record's `accountId`), so the stub keeps writing rows exactly as before.
ALTER TABLE regen_records
  ADD COLUMN account_id text GENERATED ALWAYS AS (
    CASE
      WHEN kind LIKE 'acct\_%/%/%' THEN split_part(kind, '/', 1)
      WHEN kind = 'accounts' THEN id
      ELSE data ->> 'accountId'
    END) STORED,
  ADD COLUMN mode text GENERATED ALWAYS AS (
    CASE
      WHEN kind LIKE 'acct\_%/%/%' THEN split_part(kind, '/', 2)
      WHEN kind = 'apiKeys' THEN data ->> 'environment'
    END) STORED,
  ADD COLUMN resource text GENERATED ALWAYS AS (
    CASE WHEN kind LIKE 'acct\_%/%/%' THEN split_part(kind, '/', 3) ELSE kind END) STORED;

CREATE INDEX regen_records_tenant ON regen_records (resource, account_id, mode);

-- One read-only view per resource: live rows only (deletions stay in regen_records as tombstones).
CREATE VIEW regen_accounts AS
  SELECT id, data FROM regen_records WHERE resource = 'accounts' AND NOT deleted;
CREATE VIEW regen_users AS
  SELECT account_id, id, data FROM regen_records WHERE resource = 'users' AND NOT deleted;
CREATE VIEW regen_api_keys AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'apiKeys' AND NOT deleted;
CREATE VIEW regen_products AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'products' AND NOT deleted;
CREATE VIEW regen_inventory AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'inventory' AND NOT deleted;
CREATE VIEW regen_inventory_adjustments AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'adjustments' AND NOT deleted;
CREATE VIEW regen_customers AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'customers' AND NOT deleted;
CREATE VIEW regen_orders AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'orders' AND NOT deleted;
CREATE VIEW regen_commissions AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'commissions' AND NOT deleted;
CREATE VIEW regen_payouts AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'payouts' AND NOT deleted;
CREATE VIEW regen_webhook_endpoints AS
  SELECT account_id, mode, id, data FROM regen_records WHERE resource = 'webhooks' AND NOT deleted;
