-- Schema 2: accounts (tenants) and test/live mode. Every user and API key names its
-- account; the domain data of an account is kept per mode, as kinds `<accountId>/<mode>/<resource>`.
-- A database written by schema 1 held one account's live data: it becomes the demo account's
-- (acct_5Tq8Wm2Rz4N, src/store/seed-data.ts). The stub adds the seeded accounts and the second
-- account's users at start (ensureDemoUsers). Rows get a new data version so that every instance
-- pulls them.
UPDATE regen_records
   SET kind = 'acct_5Tq8Wm2Rz4N/live/' || kind,
       version = nextval('regen_version')
 WHERE kind IN ('products', 'inventory', 'adjustments', 'customers', 'orders', 'commissions', 'payouts', 'webhooks');

UPDATE regen_records
   SET data = jsonb_set(data::jsonb, '{accountId}', '"acct_5Tq8Wm2Rz4N"')::json,
       version = nextval('regen_version')
 WHERE kind IN ('users', 'apiKeys') AND NOT deleted AND data IS NOT NULL;
