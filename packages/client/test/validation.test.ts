/** Optional response validation against the contract's zod schemas (`@regen/client/validation`). */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractValidator, ResponseValidationError } from '../src/validation.ts';
import { testClient } from './support/client.ts';
import { json, ok, startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const user = {
  id: 'usr_4Fh7Jk2Lp9Q',
  accountId: 'acct_5Tq8Wm2Rz4N',
  email: 'demo@regen.test',
  role: 'CLIENT_OWNER',
  name: 'Demo',
  scopes: ['read:*'],
  createdAt: '2026-01-01T00:00:00Z',
};

test('a body that breaks the contract rejects with ResponseValidationError', async () => {
  server.handle(ok({ id: 42 }));
  const client = testClient(server.url, { validate: contractValidator() });
  const error = (await client.users.me().catch((e: unknown) => e)) as ResponseValidationError;
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(error.operationId).toBe('getCurrentUser');
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.issues.some((i) => i.path.startsWith('data'))).toBe(true);
});

test('warn mode reports and passes the body through', async () => {
  server.handle(ok({ id: 42 }));
  const reported: ResponseValidationError[] = [];
  const client = testClient(server.url, {
    validate: contractValidator({ mode: 'warn', onInvalid: (e) => reported.push(e) }),
  });
  await expect(client.users.me()).resolves.toEqual({ id: 42 });
  expect(reported).toHaveLength(1);
});

test('a list body is validated too', async () => {
  server.handle(json(200, { success: true, data: [{ id: 'nope' }], hasMore: false, nextCursor: null }));
  const client = testClient(server.url, { validate: contractValidator() });
  await expect(client.orders.list()).rejects.toBeInstanceOf(ResponseValidationError);
});

test('a conforming body passes', async () => {
  server.handle(ok(user));
  const client = testClient(server.url, { validate: contractValidator() });
  const result = await client.users.me().catch((e: unknown) => e);
  if (result instanceof ResponseValidationError)
    throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  expect(result).toMatchObject({ id: user.id });
});

test('every operation with a JSON success body has a response schema', async () => {
  const { operationIndex } = await import('@regen/contract/operations');
  const schemas = (await import('@regen/contract/zod')) as Record<string, unknown>;
  const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
  const missing = Object.keys(operationIndex).filter((id) => {
    const name = `z${pascal(id)}Response`;
    return !(schemas[`${name}2`] ?? schemas[name]);
  });
  // authorize answers HTML or a redirect, revokeOAuthToken an empty body.
  expect(missing.sort()).toEqual(['revokeOAuthToken']);
});
