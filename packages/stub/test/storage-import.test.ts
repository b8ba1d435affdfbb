/**
 * Moving a `--data-file` into PostgreSQL: the first instance started with both
 * `--database-url` and `--data-file` on an empty database imports the file (accounts, users, keys,
 * both modes of data, the JWT secret); the file is never imported over data already there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startStub } from '../src/index.ts';
import { sharedStoreArgs, startInstance } from './support/cluster.ts';
import { createSandboxStores, SHARED } from './support/shared-stores.ts';
import { ADMIN_KEY, Client, HIGH_LIMITS } from './support/stub.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
const dir = mkdtempSync(join(tmpdir(), 'regen-import-'));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(SHARED.skip)('--data-file into PostgreSQL', () => {
  it('imports a data file into an empty database once, finds it imported on a restart, and refuses another file', async () => {
    // The state of a single in-memory stub, saved in its data file.
    const dataFile = join(dir, 'state.json');
    const memory = await startStub({
      port: 0,
      adminKey: ADMIN_KEY,
      logLevel: 'silent',
      rateLimits: HIGH_LIMITS,
      dataFile,
    });
    await memory.ready;
    const before = new Client(memory.url);
    const product = (
      await before.post('/api/v1/products', {
        name: 'Imported',
        sku: 'IMPORT-1',
        price: { amount: 250, currency: 'USD' },
      })
    ).body.data;
    const testKey = (
      await before.post('/api/v1/api-keys', {
        name: 'imported test key',
        scopes: ['read:*'],
        environment: 'test',
      })
    ).body.data;
    const testProducts = (await before.get('/api/v1/products?limit=100', { key: testKey.key })).body.data;
    const login = (await before.post('/api/auth/login', memory.demoUser, { key: null })).body.data;
    await memory.close();

    const stores = createSandboxStores();
    cleanups.push(() => stores.drop());
    const instance = await startInstance([
      ...sharedStoreArgs(stores).filter((a, i, all) => a !== '--jwt-secret' && all[i - 1] !== '--jwt-secret'),
      '--data-file',
      dataFile,
      '--log-level',
      'warn',
    ]);
    cleanups.push(() => instance.stop());
    const after = new Client(instance.url);
    expect((await after.get(`/api/v1/products/${product.id}`)).body.data).toEqual(product);
    // The key's digest came along (its secret was never saved), and so did test mode's data.
    expect((await after.get('/api/v1/products?limit=100', { key: testKey.key })).body.data).toEqual(
      testProducts,
    );
    // The JWT secret too: an access token signed before the move still verifies.
    expect((await after.get('/api/v1/users/me', { key: null, bearer: login.accessToken })).status).toBe(200);
    // …and the session: its refresh token rotates once (family kept in Redis now).
    const refreshed = await after.post(
      '/api/auth/refresh',
      { refreshToken: login.refreshToken },
      { key: null },
    );
    expect(refreshed.status).toBe(200);

    // The same command line again (a restart, another instance): the file is found imported.
    const second = await startInstance([
      ...sharedStoreArgs(stores),
      '--data-file',
      dataFile,
      '--log-level',
      'warn',
    ]);
    cleanups.push(() => second.stop());
    expect((await new Client(second.url).get(`/api/v1/products/${product.id}`)).body.data).toEqual(product);
    // The session was not rolled back to the file's state: the refreshed pair still refreshes.
    const again = await new Client(second.url).post(
      '/api/auth/refresh',
      { refreshToken: refreshed.body.data.refreshToken },
      { key: null },
    );
    expect(again.status).toBe(200);

    // Another data file on the same (now filled) database: one line, exit 1.
    const otherFile = join(dir, 'other.json');
    const other = JSON.parse(readFileSync(dataFile, 'utf8'));
    other.jwtSecret = 'another-secret-another-secret-another-se';
    writeFileSync(otherFile, JSON.stringify(other));
    const refused = spawnSync(
      process.execPath,
      [
        '--conditions=@regen/source',
        '--import',
        TSX,
        CLI,
        '--port',
        '0',
        ...sharedStoreArgs(stores),
        '--data-file',
        otherFile,
      ],
      { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /^regen-stub: --data-file .* was not imported: the PostgreSQL database already holds other data/,
    );
  }, 120_000);
});
