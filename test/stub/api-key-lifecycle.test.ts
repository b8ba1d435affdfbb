/**
 * Journeys of an API key against the stub: create → use → rotate (old key valid for the grace
 * period, 3 s here, then refused) and deactivate → 401 → activate → works again; delete → 401.
 */
import { AuthenticationError } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub({ rotationGrace: '3s' });
});
afterAll(() => stub?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rejection(p: PromiseLike<unknown>): Promise<AuthenticationError> {
  const error = await Promise.resolve(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  return error as AuthenticationError;
}

async function newKey(name: string) {
  const admin = stubClient(stub);
  const created = await admin.apiKeys.create({ name, scopes: ['read:orders'], environment: 'test' });
  return { admin, created, client: stubClient(stub, { apiKey: created.key }) };
}

describe('create key → use → rotate → grace → refused', () => {
  it('the old key works during the grace period and is refused after it; the new key keeps working', async () => {
    const { admin, created, client: oldClient } = await newKey('rotation journey');
    expect(created.key).toMatch(/^rg_test_[A-Za-z0-9]{32}$/);
    expect(created.keyPrefix).toBe(created.key.slice(0, 12));
    expect(created.lastFour).toBe(created.key.slice(-4));
    expect((await oldClient.orders.list({ limit: 1 })).data).toHaveLength(1);

    const rotated = await admin.apiKeys.rotate(created.id);
    expect(rotated.id).toBe(created.id);
    expect(rotated.key).not.toBe(created.key);
    const graceEnds = Date.parse(rotated.previousKeyExpiresAt);
    expect(graceEnds).toBeGreaterThan(Date.now());
    const newClient = stubClient(stub, { apiKey: rotated.key });

    // Within the grace period: both keys work.
    expect((await oldClient.orders.list({ limit: 1 })).data).toHaveLength(1);
    expect((await newClient.orders.list({ limit: 1 })).data).toHaveLength(1);

    await sleep(graceEnds - Date.now() + 1_000);
    const error = await rejection(oldClient.orders.list({ limit: 1 }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.requestId).toMatch(/^req_/);
    expect((await newClient.orders.list({ limit: 1 })).data).toHaveLength(1);
    // Listing shows the rotated key, never a secret.
    const listed = (await admin.apiKeys.list({ limit: 100 })).data.find((k) => k.id === created.id);
    expect(listed?.lastFour).toBe(rotated.key.slice(-4));
    expect(listed).not.toHaveProperty('key');
  });
});

describe('deactivate → 401', () => {
  it('a deactivated key is refused with 401 and works again once activated', async () => {
    const { admin, created, client } = await newKey('deactivation journey');
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);

    const inactive = await admin.apiKeys.deactivate(created.id);
    expect(inactive.status).toBe('inactive');
    const error = await rejection(client.orders.list({ limit: 1 }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');

    const active = await admin.apiKeys.activate(created.id);
    expect(active.status).toBe('active');
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);
  });

  it('a deleted key is refused with 401 and is gone from the list', async () => {
    const { admin, created, client } = await newKey('deletion journey');
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);
    expect(await admin.apiKeys.delete(created.id)).toEqual({ id: created.id, deleted: true });
    expect((await rejection(client.orders.list({ limit: 1 }))).code).toBe('invalid_api_key');
    const ids = [];
    for await (const key of admin.apiKeys.list({ limit: 100 })) ids.push(key.id);
    expect(ids).not.toContain(created.id);
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
