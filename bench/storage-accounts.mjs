/**
 * @module The storage benchmark's tenants: a `--data-file` (the stub's own seeding, imported into
 * an empty PostgreSQL database) holding the demo data plus `count` more accounts, each a copy of the
 * demo account's live data with its own owner and one live API key of known secret.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStubProcess, stop } from './support.mjs';

const DEMO = 'acct_5Tq8Wm2Rz4N';
/** Everything an order create and its preparation need. */
const SCOPES = [
  'read:customers',
  'read:products',
  'read:inventory',
  'write:inventory',
  'read:orders',
  'write:orders',
];

/** `rg_live_` + 32 base62 characters, fixed per index (the benchmark's own keys). */
const keyOf = (i) => `rg_live_${`BenchAccount${String(i).padStart(2, '0')}`.padEnd(32, 'x')}`;

/**
 * Writes the data file into a new temporary directory; returns its path, the keys (one per extra
 * account) and `cleanup()`. The demo seed comes from the stub itself (a memory instance that
 * saves its `--data-file`), so the file always has the current format.
 */
export async function benchAccounts(count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'regen-storage-bench-'));
  const file = path.join(dir, 'accounts.json');
  const seeder = await startStubProcess(['--data-file', file]);
  // It saves the file shortly after start; waited for here rather than trusting a busy machine's
  // shutdown to finish within stop()'s grace period.
  for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  await stop(seeder.child);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const demoLive = data.partitions[`${DEMO}/live`];
  const demoAccount = data.accounts.find((a) => a.id === DEMO);
  const demoOwner = data.users.find((u) => u.accountId === DEMO && u.role === 'CLIENT_OWNER');
  const demoKey = data.apiKeys.find((k) => k.accountId === DEMO);
  const keys = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(2, '0');
    const accountId = `acct_BenchAcct${n}`;
    const ownerId = `usr_BenchOwner${n}`;
    const secret = keyOf(i);
    data.accounts.push({ ...demoAccount, id: accountId, name: `Bench account ${n}` });
    data.users.push({ ...demoOwner, id: ownerId, accountId, email: `bench-${n}@regen.test` });
    data.apiKeys.push({
      ...demoKey,
      id: `key_BenchKey${n}`,
      name: `bench ${n}`,
      environment: 'live',
      scopes: SCOPES,
      status: 'active',
      expiresAt: null,
      lastUsedAtMs: null,
      keyPrefix: secret.slice(0, 12),
      lastFour: secret.slice(-4),
      hash: createHash('sha256').update(secret).digest('hex'),
      previousHash: null,
      previousExpiresAtMs: null,
      ownerId,
      accountId,
    });
    data.partitions[`${accountId}/live`] = structuredClone(demoLive);
    keys.push(secret);
  }
  writeFileSync(file, JSON.stringify(data));
  return { file, keys, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
