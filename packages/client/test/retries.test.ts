/** Retry policy over real HTTP: which failures are retried, how long the client waits, and its limits. */
import { describe, expect, test } from 'vitest';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/index.ts';
import { testClient } from './support/client.ts';
import { apiError, drop, hang, ok, truncated, useTestServer } from './support/server.ts';

const server = useTestServer();

const gap = (i: number) => (server.requests[i]?.at ?? 0) - (server.requests[i - 1]?.at ?? 0);

describe('retried', () => {
  test.each([
    [408, 'request_timeout'],
    [409, 'idempotency_key_in_use'],
    [429, 'rate_limit_exceeded'],
    [500, 'internal_error'],
    [502, 'bad_gateway'],
    [503, 'service_unavailable'],
    [504, 'gateway_timeout'],
  ])('%i %s is retried', async (status, code) => {
    server.sequence(apiError(status, code, 'try again', { 'retry-after-ms': '1' }), ok({ id: 'ord_1' }));
    const client = testClient(server.url);
    await expect(client.orders.retrieve('ord_1')).resolves.toEqual({ id: 'ord_1' });
    expect(server.requests).toHaveLength(2);
  });

  test('a dropped connection is retried', async () => {
    server.sequence(drop, ok({ id: 'ord_1' }));
    await expect(testClient(server.url).orders.retrieve('ord_1')).resolves.toEqual({ id: 'ord_1' });
    expect(server.requests).toHaveLength(2);
  });

  test('a truncated body is retried', async () => {
    server.sequence(truncated, ok({ id: 'ord_1' }));
    await expect(testClient(server.url).orders.retrieve('ord_1')).resolves.toEqual({ id: 'ord_1' });
    expect(server.requests).toHaveLength(2);
  });

  test('a timed-out attempt is retried', async () => {
    server.sequence(hang, ok({ id: 'ord_1' }));
    await expect(testClient(server.url, { timeout: 200 }).orders.retrieve('ord_1')).resolves.toEqual({
      id: 'ord_1',
    });
    expect(server.requests).toHaveLength(2);
  });

  test('x-should-retry: true makes a 400 retryable, false stops a 503', async () => {
    server.sequence(apiError(400, 'invalid_request', 'x', { 'x-should-retry': 'true' }), ok({ id: 'a' }));
    await expect(testClient(server.url).orders.retrieve('a')).resolves.toEqual({ id: 'a' });
    server.sequence(apiError(503, 'service_unavailable', 'x', { 'x-should-retry': 'false' }));
    await expect(testClient(server.url).orders.retrieve('a')).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });
});

describe('attempted once', () => {
  test.each([
    [400, 'validation_error', BadRequestError],
    [401, 'invalid_api_key', AuthenticationError],
    [403, 'insufficient_scope', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [422, 'unprocessable_entity', UnprocessableEntityError],
  ] as const)('%i %s', async (status, code, Class) => {
    server.handle(apiError(status, code, 'no'));
    const error = await testClient(server.url, { maxRetries: 5 })
      .orders.retrieve('ord_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ status, code });
    expect(server.requests).toHaveLength(1);
  });

  test('409 conflict (a state conflict, not an in-flight key) is not retried', async () => {
    server.handle(apiError(409, 'conflict', 'Order already cancelled'));
    await expect(testClient(server.url).orders.cancel('ord_1')).rejects.toBeInstanceOf(ConflictError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('limits', () => {
  test('at most maxRetries retries, then the last error', async () => {
    server.handle(apiError(503, 'service_unavailable', 'down', { 'retry-after-ms': '1' }));
    const error = await testClient(server.url, { maxRetries: 3 })
      .orders.retrieve('a')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(4);
  });

  test('maxRetries: 0 makes one attempt', async () => {
    server.handle(drop);
    await expect(testClient(server.url, { maxRetries: 0 }).orders.retrieve('a')).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(server.requests).toHaveLength(1);
  });

  test('per-call maxRetries overrides the client', async () => {
    server.handle(apiError(500, 'internal_error', 'x', { 'retry-after-ms': '1' }));
    await expect(testClient(server.url).orders.retrieve('a', { maxRetries: 1 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(2);
  });

  test('exhausted timeouts reject with APIConnectionTimeoutError', async () => {
    server.handle(hang);
    const error = await testClient(server.url, { maxRetries: 1 })
      .orders.retrieve('a', { timeout: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('waits', () => {
  test('retry-after-ms is honoured first', async () => {
    server.sequence(
      apiError(429, 'rate_limit_exceeded', 'slow', { 'retry-after-ms': '300', 'retry-after': '30' }),
      ok(1),
    );
    await testClient(server.url).orders.retrieve('a');
    expect(gap(1)).toBeGreaterThanOrEqual(280);
  });

  test('Retry-After in seconds', async () => {
    server.sequence(apiError(429, 'rate_limit_exceeded', 'slow', { 'retry-after': '1' }), ok(1));
    await testClient(server.url).orders.retrieve('a');
    expect(gap(1)).toBeGreaterThanOrEqual(950);
  });

  test('Retry-After as an HTTP-date', async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    server.sequence(apiError(503, 'service_unavailable', 'later', { 'retry-after': date }), ok(1));
    await testClient(server.url).orders.retrieve('a');
    // The date has one-second resolution: at least one second remains of the two asked for.
    expect(gap(1)).toBeGreaterThanOrEqual(950);
  });

  test('Retry-After as a past HTTP-date: retried without waiting for backoff', async () => {
    const date = new Date(Date.now() - 3_600_000).toUTCString();
    server.sequence(apiError(429, 'rate_limit_exceeded', 'x', { 'retry-after': date }), ok(1));
    await testClient(server.url, { backoff: { initialMs: 30_000, maxMs: 30_000 } }).orders.retrieve('a');
    expect(gap(1)).toBeLessThan(5_000);
  });

  test('X-RateLimit-Reset as Unix seconds when remaining is 0', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    server.sequence(
      apiError(429, 'rate_limit_exceeded', 'x', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
        'x-ratelimit-limit': '10',
      }),
      ok(1),
    );
    await testClient(server.url).orders.retrieve('a');
    expect(gap(1)).toBeGreaterThanOrEqual(200);
  });

  test('X-RateLimit-Reset as a delta in seconds', async () => {
    server.sequence(
      apiError(429, 'rate_limit_exceeded', 'x', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1',
        'x-ratelimit-limit': '10',
      }),
      ok(1),
    );
    await testClient(server.url).orders.retrieve('a');
    expect(gap(1)).toBeGreaterThanOrEqual(950);
  });

  test('without a server hint: exponential backoff', async () => {
    server.sequence(apiError(500, 'internal_error', 'x'), apiError(500, 'internal_error', 'x'), ok(1));
    await testClient(server.url, { backoff: { initialMs: 1, maxMs: 2 } }).orders.retrieve('a');
    expect(server.requests).toHaveLength(3);
  });

  test('a wait longer than maxRetryAfter throws RateLimitError at once with retryAfterMs', async () => {
    server.handle(apiError(429, 'rate_limit_exceeded', 'Rate limit exceeded', { 'retry-after': '120' }));
    const started = Date.now();
    const error = await testClient(server.url)
      .orders.retrieve('a')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('maxRetryAfter is configurable', async () => {
    server.handle(apiError(429, 'rate_limit_exceeded', 'x', { 'retry-after': '2' }));
    const error = await testClient(server.url, { maxRetryAfter: 1000 })
      .orders.retrieve('a')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 2000 });
    expect(server.requests).toHaveLength(1);
  });

  test('an exhausted 429 carries retryAfterMs and rateLimit', async () => {
    server.handle(
      apiError(429, 'rate_limit_exceeded', 'x', {
        'retry-after-ms': '5',
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2000000000',
      }),
    );
    const error = (await testClient(server.url, { maxRetries: 1 })
      .orders.retrieve('a')
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(5);
    expect(error.rateLimit).toEqual({ limit: 10, remaining: 0, reset: 2_000_000_000 });
    expect(server.requests).toHaveLength(2);
  });
});
