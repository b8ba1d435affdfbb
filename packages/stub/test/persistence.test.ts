import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type StubOptions, startStub } from '../src/index.ts';
import { ADMIN_KEY, Client, HIGH_LIMITS } from './support/stub.ts';

/** The demo account (src/config/demo-accounts.ts; the contract's example `AccountId`). */
const DEMO_ACCOUNT = 'acct_5Tq8Wm2Rz4N';
const dir = mkdtempSync(join(tmpdir(), 'regen-stub-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base: StubOptions = { port: 0, adminKey: ADMIN_KEY, logLevel: 'silent', rateLimits: HIGH_LIMITS };

describe('--data-file', () => {
  it('keeps data, keys and sessions across a restart', async () => {
    const dataFile = join(dir, 'state.json');
    const first = await startStub({ ...base, dataFile });
    await first.ready;
    const client = new Client(first.url);
    const product = (
      await client.post('/api/v1/products', {
        name: 'Persisted',
        sku: 'PERSIST-1',
        price: { amount: 500, currency: 'USD' },
      })
    ).body.data;
    const key = (await client.post('/api/v1/api-keys', { name: 'Persisted key', scopes: ['read:products'] }))
      .body.data;
    const login = (await client.post('/api/auth/login', first.demoUser, { key: null })).body.data;
    const orders = (await client.get('/api/v1/orders?limit=100')).body.data.length;
    await first.close();

    const saved = readFileSync(dataFile, 'utf8');
    expect(saved).not.toContain(key.key);
    expect(saved).toContain(key.keyPrefix);
    expect(saved).not.toContain(first.demoUser.password);

    const second = await startStub({ ...base, dataFile });
    try {
      const again = new Client(second.url);
      expect((await again.get(`/api/v1/products/${product.id}`)).body.data).toEqual(product);
      expect((await again.get(`/api/v1/products/${product.id}`, { key: key.key })).status).toBe(200);
      expect((await again.get('/api/v1/orders?limit=100')).body.data.length).toBe(orders);
      expect((await again.get('/api/v1/users/me', { bearer: login.accessToken })).status).toBe(200);
      const refreshed = await again.post(
        '/api/auth/refresh',
        { refreshToken: login.refreshToken },
        { key: null },
      );
      expect(refreshed.status).toBe(200);
      expect(second.violations).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("reads a version-1 file (before accounts) as the demo account's live data, and saves it as version 2", async () => {
    const dataFile = join(dir, 'v1.json');
    const first = await startStub({ ...base, dataFile });
    await first.ready;
    const product = (
      await new Client(first.url).post('/api/v1/products', {
        name: 'From version 1',
        sku: 'V1-1',
        price: { amount: 700, currency: 'USD' },
      })
    ).body.data;
    await first.close();
    // Rewrite the file as the stub wrote it before accounts existed.
    const v2 = JSON.parse(readFileSync(dataFile, 'utf8'));
    const strip = <T extends { accountId?: string }>({ accountId: _a, ...rest }: T) => rest;
    const v1 = {
      version: 1,
      jwtSecret: v2.jwtSecret,
      sessions: v2.sessions,
      users: v2.users.filter((u: { accountId: string }) => u.accountId === DEMO_ACCOUNT).map(strip),
      apiKeys: v2.apiKeys.filter((k: { accountId: string }) => k.accountId === DEMO_ACCOUNT).map(strip),
      ...v2.partitions[`${DEMO_ACCOUNT}/live`],
    };
    writeFileSync(dataFile, JSON.stringify(v1));

    const second = await startStub({ ...base, dataFile });
    try {
      await second.ready;
      const client = new Client(second.url);
      expect((await client.get(`/api/v1/products/${product.id}`)).body.data).toEqual(product);
      const login = await client.post('/api/auth/login', second.demoUser, { key: null });
      expect(login.status).toBe(200);
      const me = await client.get('/api/v1/users/me', { bearer: login.body.data.accessToken });
      expect(me.body.data.accountId).toBe(DEMO_ACCOUNT);
    } finally {
      await second.close();
    }
    const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
    expect(saved.version).toBe(2);
    expect(saved.accounts.map((a: { id: string }) => a.id)).toContain(DEMO_ACCOUNT);
  });

  it('refuses a file that is not a stub data file', async () => {
    const dataFile = join(dir, 'other.json');
    writeFileSync(dataFile, '{"hello":"world"}');
    await expect(startStub({ ...base, dataFile })).rejects.toThrow(/not a regen-stub data file/);
    // A version-2 file whose partitions are not <account>/<mode> (it would load data nobody reaches).
    const base2 = { version: 2, jwtSecret: 'x', accounts: [], users: [], apiKeys: [], sessions: [] };
    writeFileSync(dataFile, JSON.stringify({ ...base2, partitions: { 'acct_5Tq8Wm2Rz4N/staging': {} } }));
    await expect(startStub({ ...base, dataFile })).rejects.toThrow(
      /not a regen-stub data file \(version 2: partition "acct_5Tq8Wm2Rz4N\/staging" is not/,
    );
    writeFileSync(dataFile, JSON.stringify({ ...base2, accounts: undefined, partitions: {} }));
    await expect(startStub({ ...base, dataFile })).rejects.toThrow(/version 2: accounts is not a list/);
  });
});

describe('response validation', () => {
  it('answers 500 internal_error and records a violation when a response breaks the contract', async () => {
    // Corrupt stored data (a lower-case currency) so a handler returns off-contract data.
    const dataFile = join(dir, 'corrupt.json');
    const seedStub = await startStub({ ...base, dataFile });
    const product = (await new Client(seedStub.url).get('/api/v1/products?limit=1')).body.data[0];
    await seedStub.close();
    const state = JSON.parse(readFileSync(dataFile, 'utf8'));
    state.partitions[`${DEMO_ACCOUNT}/live`].products.find(
      (p: { id: string }) => p.id === product.id,
    ).price.currency = 'usd';
    writeFileSync(dataFile, JSON.stringify(state));

    const logs: string[] = [];
    const strict = await startStub({
      ...base,
      dataFile,
      logLevel: 'error',
      logSink: (line) => logs.push(line),
    });
    try {
      const reply = await new Client(strict.url).get(`/api/v1/products/${product.id}`);
      expect(reply.status).toBe(500);
      expect(reply.body.error.code).toBe('internal_error');
      expect(strict.violations).toHaveLength(1);
      expect(strict.violations[0]).toMatchObject({
        operationId: 'getProduct',
        status: 200,
        requestId: reply.body.error.requestId,
      });
      expect(strict.violations[0]?.details[0]?.path).toBe('/data/price/currency');
      expect(logs.some((l) => JSON.parse(l).msg === 'response violates the contract')).toBe(true);
      expect(logs.join('\n')).not.toContain(ADMIN_KEY);
    } finally {
      await strict.close();
    }

    const lenient = await startStub({ ...base, dataFile, validateResponses: false });
    try {
      const reply = await new Client(lenient.url).get(`/api/v1/products/${product.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body.data.price.currency).toBe('usd');
      expect(lenient.violations).toEqual([]);
    } finally {
      await lenient.close();
    }
  });
});
