/** The error hierarchy, what each error carries, and `instanceof` across copies of the SDK. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RegenError,
  UnprocessableEntityError,
} from '../src/index.ts';
import { testClient } from './support/client.ts';
import { apiError, json, useTestServer } from './support/server.ts';

const server = useTestServer();

const statusClasses = [
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
];

describe('hierarchy', () => {
  test('RegenError ← APIError ← status classes; connection errors are APIErrors', () => {
    for (const C of statusClasses) {
      const e = new C({ status: 400, message: 'x' });
      expect(e).toBeInstanceOf(APIError);
      expect(e).toBeInstanceOf(RegenError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(C.brand);
    }
    expect(new APIConnectionTimeoutError()).toBeInstanceOf(APIConnectionError);
    expect(new APIConnectionError()).toBeInstanceOf(APIError);
    expect(new APIUserAbortError()).toBeInstanceOf(APIError);
    expect(new NotFoundError({ message: 'x' })).not.toBeInstanceOf(ConflictError);
    expect(new APIError({ message: 'x' })).not.toBeInstanceOf(NotFoundError);
  });

  test('every class declares its own brand', () => {
    const all = [
      ...statusClasses,
      RegenError,
      APIError,
      APIConnectionError,
      APIConnectionTimeoutError,
      APIUserAbortError,
    ];
    expect(new Set(all.map((C) => C.brand)).size).toBe(all.length);
    for (const C of all) expect(Object.hasOwn(C, 'brand')).toBe(true);
  });

  test('instanceof holds across separate copies of the SDK (a CJS bundle vs these ESM sources)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regen-copy-'));
    const file = join(dir, 'copy.cjs');
    await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      format: 'cjs',
      platform: 'neutral',
      outfile: file,
      logLevel: 'silent',
    });
    const copy = createRequire(import.meta.url)(file) as typeof import('../src/index.ts');
    expect(copy.NotFoundError).not.toBe(NotFoundError);
    const foreign = new copy.NotFoundError({ status: 404, message: 'x' });
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect(foreign).toBeInstanceOf(APIError);
    expect(foreign).toBeInstanceOf(RegenError);
    expect(foreign).not.toBeInstanceOf(ConflictError);
    expect(new NotFoundError({ message: 'x' })).toBeInstanceOf(copy.APIError);
    expect(new NotFoundError({ message: 'x' })).not.toBeInstanceOf(copy.RateLimitError);
    rmSync(dir, { recursive: true, force: true });
  });

  test('an error is instanceof exactly its class chain, nothing sideways', () => {
    const e = new AuthenticationError({ status: 400, message: 'x', error: 'invalid_grant' });
    for (const C of statusClasses) expect(e instanceof C).toBe(C === AuthenticationError);
    // The brand list is the class chain, frozen: nothing can make an error claim another class later.
    const brands = (e as unknown as Record<symbol, string[]>)[Symbol.for('@regen/client.error')];
    expect(brands).toEqual(['AuthenticationError', 'APIError', 'RegenError']);
    expect(Object.isFrozen(brands)).toBe(true);
  });
});

describe('from responses', () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, APIError],
  ] as const)('%i → %s', async (status, Class) => {
    server.handle(apiError(status, 'some_code', 'Something', { 'x-should-retry': 'false' }));
    const error = (await testClient(server.url)
      .orders.retrieve('ord_1')
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(status);
    expect(error.code).toBe('some_code');
    expect(error.requestId).toBe('req_test123');
    expect(error.headers?.get('x-request-id')).toBe('req_test123');
    expect(error.message).toBe(`${status} some_code: Something (request req_test123)`);
  });

  test('403 names the missing scope', async () => {
    server.handle(
      apiError(
        403,
        'insufficient_scope',
        'API key lacks required permissions',
        {},
        { scope: 'write:orders' },
      ),
    );
    const error = (await testClient(server.url)
      .orders.create({} as never)
      .catch((e: unknown) => e)) as PermissionDeniedError;
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.scope).toBe('write:orders');
    expect(error.message).toContain('missing scope: write:orders');
  });

  test('403: a message that already names the scope is kept verbatim, not repeated', async () => {
    server.handle(
      apiError(
        403,
        'insufficient_scope',
        'API key lacks required permissions: write:orders',
        {},
        { scope: 'write:orders' },
      ),
    );
    const error = (await testClient(server.url)
      .orders.create({} as never)
      .catch((e: unknown) => e)) as PermissionDeniedError;
    expect(error.scope).toBe('write:orders');
    expect(error.message).toBe(
      '403 insufficient_scope: API key lacks required permissions: write:orders (request req_test123)',
    );
  });

  test('400 validation keeps details', async () => {
    const details = [{ path: '/items/0/quantity', message: 'must be >= 1' }];
    server.handle(apiError(400, 'validation_error', 'Invalid request body', {}, { details }));
    const error = (await testClient(server.url)
      .orders.create({} as never)
      .catch((e: unknown) => e)) as BadRequestError;
    expect(error.details).toEqual(details);
  });

  test('OAuth errors keep error and error_description (RFC 6749 §5.2)', async () => {
    server.handle(json(401, { error: 'invalid_client', error_description: 'Client authentication failed' }));
    const client = testClient(server.url, {
      apiKey: undefined,
      clientId: 'cli_x',
      clientSecret: 'cs_wrong_secret',
    });
    const error = (await client.orders.list().catch((e: unknown) => e)) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).not.toBeInstanceOf(BadRequestError);
    expect(error.error).toBe('invalid_client');
    expect(error.error_description).toBe('Client authentication failed');
    expect(error.code).toBe('invalid_client');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
    });
  });

  test('a non-JSON error body becomes the message', async () => {
    server.handle((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const error = (await testClient(server.url, { maxRetries: 0 })
      .orders.retrieve('a')
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe('502 <html>Bad gateway</html>');
  });

  test('a connection error keeps its cause', async () => {
    const client = testClient('http://127.0.0.1:9', { maxRetries: 0 });
    const error = (await client.orders.retrieve('a').catch((e: unknown) => e)) as APIConnectionError;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeDefined();
  });
});
