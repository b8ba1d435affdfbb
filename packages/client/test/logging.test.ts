/** Logging: levels, what debug shows, retries at info. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testClient } from './support/client.ts';
import { apiError, ok, startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function capture() {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push({
        level,
        text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
      });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

test('debug logs each request and response line', async () => {
  server.handle(ok({}));
  const log = capture();
  await testClient(server.url, { logLevel: 'debug', logger: log.logger }).users.me();
  expect(log.lines.map((l) => l.level)).toEqual(['debug', 'debug']);
  expect(log.lines[0]?.text).toContain(`→ GET ${server.url}/api/v1/users/me`);
  expect(log.lines[1]?.text).toMatch(/← 200 GET .* ms req_test123/);
});

test('retries are logged at info; warn (the default) is quiet for them', async () => {
  server.sequence(apiError(503, 'service_unavailable', 'down', { 'retry-after-ms': '1' }), ok({}));
  const info = capture();
  await testClient(server.url, { logLevel: 'info', logger: info.logger }).users.me();
  expect(info.lines).toHaveLength(1);
  expect(info.lines[0]?.text).toMatch(/Retrying in 1 ms \(retry 1\): 503 service_unavailable/);

  server.sequence(apiError(503, 'service_unavailable', 'down', { 'retry-after-ms': '1' }), ok({}));
  const warn = capture();
  await testClient(server.url, { logLevel: 'warn', logger: warn.logger }).users.me();
  expect(warn.lines).toHaveLength(0);
});

test("logLevel 'off' logs nothing", async () => {
  server.handle(ok({}));
  const log = capture();
  await testClient(server.url, { logLevel: 'off', logger: log.logger }).users.me();
  expect(log.lines).toHaveLength(0);
});
