/** No credential in any log line, error message, JSON.stringify(error), util.inspect(error) or util.inspect(client). */
import { inspect } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type APIError, RegenClient } from '../src/index.ts';
import { TEST_KEY } from './support/client.ts';
import { makeJwt } from './support/jwt.ts';
import { hang, json, startServer, type TestServer, truncated } from './support/server.ts';
import { transportOptions } from './support/transport.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function capture() {
  const lines: string[] = [];
  const sink = (...args: unknown[]) =>
    void lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return { lines, logger: { debug: sink, info: sink, warn: sink, error: sink } };
}

function expectClean(text: string, ...secrets: string[]) {
  for (const s of secrets) expect(text).not.toContain(s);
}

test('API key: an error echoing the key, the client, and debug logs stay clean', async () => {
  // A careless server echoes the key back in its message and details.
  server.handle(
    json(401, {
      success: false,
      error: {
        code: 'invalid_api_key',
        message: `Invalid key ${TEST_KEY}`,
        details: [{ path: 'key', message: TEST_KEY }],
      },
    }),
  );
  const log = capture();
  const client = new RegenClient({
    ...transportOptions(),
    apiKey: TEST_KEY,
    baseUrl: server.url,
    logLevel: 'debug',
    logger: log.logger,
  });
  const error = (await client.orders.list().catch((e: unknown) => e)) as APIError;
  expect(error.message).toContain('[REDACTED]');
  expectClean(error.message, TEST_KEY);
  expectClean(String(error.stack), TEST_KEY);
  expectClean(JSON.stringify(error), TEST_KEY);
  expectClean(inspect(error, { depth: 10, showHidden: true }), TEST_KEY);
  expectClean(inspect(client, { depth: 10, showHidden: true }), TEST_KEY);
  expectClean(inspect(client.orders, { depth: 10, showHidden: true }), TEST_KEY);
  expectClean(JSON.stringify(client), TEST_KEY);
  expect(log.lines.some((l) => l.includes('x-api-key') && l.includes('[REDACTED]'))).toBe(true);
  expectClean(log.lines.join('\n'), TEST_KEY);
});

test('bearer API key scheme: Authorization is redacted in debug logs', async () => {
  server.handle(json(200, { success: true, data: {} }));
  const log = capture();
  const client = new RegenClient({
    ...transportOptions(),
    apiKey: TEST_KEY,
    authScheme: 'bearer',
    baseUrl: server.url,
    logLevel: 'debug',
    logger: log.logger,
  });
  await client.users.me();
  expect(log.lines.some((l) => l.includes('authorization') && l.includes('[REDACTED]'))).toBe(true);
  expectClean(log.lines.join('\n'), TEST_KEY);
});

test('JWT session: tokens never leak', async () => {
  const access = makeJwt(3600);
  const refresh = 'rt_super_secret_refresh_token';
  server.handle(
    json(500, { success: false, error: { code: 'internal_error', message: `boom ${access} ${refresh}` } }),
  );
  const log = capture();
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: access,
    refreshToken: refresh,
    baseUrl: server.url,
    maxRetries: 1,
    backoff: { initialMs: 1, maxMs: 1 },
    logLevel: 'debug',
    logger: log.logger,
  });
  const error = (await client.users.me().catch((e: unknown) => e)) as APIError;
  for (const text of [
    error.message,
    JSON.stringify(error),
    inspect(error, { showHidden: true, depth: 10 }),
    inspect(client, { showHidden: true, depth: 10 }),
    log.lines.join('\n'),
  ]) {
    expectClean(text, access, refresh);
  }
});

test('OAuth client secret never leaks', async () => {
  const secret = 'cs_very_secret_client_secret';
  server.handle(json(401, { error: 'invalid_client', error_description: `bad secret ${secret}` }));
  const log = capture();
  const client = new RegenClient({
    ...transportOptions(),
    clientId: 'cli_1',
    clientSecret: secret,
    baseUrl: server.url,
    logLevel: 'debug',
    logger: log.logger,
  });
  const error = (await client.orders.list().catch((e: unknown) => e)) as APIError;
  for (const text of [
    error.message,
    String(error.error_description),
    JSON.stringify(error),
    inspect(error, { showHidden: true, depth: 10 }),
    inspect(client, { showHidden: true, depth: 10 }),
    log.lines.join('\n'),
  ]) {
    expectClean(text, secret);
  }
});

test('the error keeps response headers out of its JSON form and its enumerable keys', async () => {
  server.handle(
    json(
      404,
      { success: false, error: { code: 'not_found', message: 'x' } },
      { 'set-cookie': 'session=abc' },
    ),
  );
  const client = new RegenClient({ ...transportOptions(), apiKey: TEST_KEY, baseUrl: server.url });
  const error = (await client.orders.retrieve('a').catch((e: unknown) => e)) as APIError;
  expect(Object.keys(error)).not.toContain('headers');
  expect(JSON.stringify(error)).not.toContain('session=abc');
  expect(error.headers?.get('set-cookie')).toBe('session=abc');
});

test('a timeout or a cut-off body on a URL that carries the key (a careless query) stays clean', async () => {
  const log = capture();
  const client = new RegenClient({
    ...transportOptions(),
    apiKey: TEST_KEY,
    baseUrl: server.url,
    maxRetries: 0,
    timeout: 100,
    logger: log.logger,
    logLevel: 'debug',
  });
  const query = { customerId: TEST_KEY } as Record<string, string>;
  server.handle(hang);
  const timedOut = await client.orders.list(query).then(
    () => undefined,
    (e: unknown) => e as APIError,
  );
  expect(timedOut?.name).toBe('APIConnectionTimeoutError');
  server.handle(truncated);
  const cutOff = await client.orders.list(query).then(
    () => undefined,
    (e: unknown) => e as APIError,
  );
  expect(cutOff?.name).toBe('APIConnectionError');
  for (const error of [timedOut, cutOff]) {
    expectClean(`${error?.message} ${JSON.stringify(error)} ${inspect(error)}`, TEST_KEY);
  }
  expectClean(log.lines.join('\n'), TEST_KEY);
});
