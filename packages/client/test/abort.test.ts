/** Cancellation: a caller's signal stops the call promptly, wherever it is, and nothing more is sent. */
import { expect, test } from 'vitest';
import { APIUserAbortError } from '../src/index.ts';
import { testClient } from './support/client.ts';
import { apiError, hang, ok, useTestServer } from './support/server.ts';

const server = useTestServer();

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('abort 200 ms into a 5 s Retry-After rejects promptly and sends nothing more', async () => {
  server.handle(apiError(429, 'rate_limit_exceeded', 'slow down', { 'retry-after': '5' }));
  const controller = new AbortController();
  const started = Date.now();
  const call = testClient(server.url).orders.retrieve('ord_1', { signal: controller.signal });
  setTimeout(() => controller.abort(), 200);
  const error = await call.catch((e: unknown) => e);
  const elapsed = Date.now() - started;
  expect(error).toBeInstanceOf(APIUserAbortError);
  expect(elapsed).toBeLessThan(2_000);
  await delay(300);
  expect(server.requests).toHaveLength(1);
});

test('abort while the request is in flight', async () => {
  server.handle(hang);
  const controller = new AbortController();
  const call = testClient(server.url).orders.retrieve('ord_1', { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
  expect(server.requests).toHaveLength(1);
});

test('abort with no timeout configured (the signal goes straight to fetch)', async () => {
  server.handle(hang);
  const controller = new AbortController();
  const call = testClient(server.url, { timeout: 0 }).orders.retrieve('ord_1', { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await expect(call).rejects.toBeInstanceOf(APIUserAbortError);
});

test('an already-aborted signal sends nothing', async () => {
  server.handle(ok(1));
  await expect(
    testClient(server.url).orders.retrieve('ord_1', { signal: AbortSignal.abort() }),
  ).rejects.toBeInstanceOf(APIUserAbortError);
  expect(server.requests).toHaveLength(0);
});

test('an abort is not retried', async () => {
  server.handle(hang);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  await expect(
    testClient(server.url, { maxRetries: 5 }).orders.retrieve('ord_1', { signal: controller.signal }),
  ).rejects.toBeInstanceOf(APIUserAbortError);
  await delay(100);
  expect(server.requests).toHaveLength(1);
});
