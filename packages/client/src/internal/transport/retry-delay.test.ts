import { describe, expect, test } from 'vitest';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import { APIConnectionTimeoutError } from '../../errors/APIConnectionTimeoutError.ts';
import { APIError } from '../../errors/APIError.ts';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import { retryDelay } from './retry-delay.ts';

const policy = { maxRetryAfter: 60_000, backoff: { initialMs: 500, maxMs: 8_000 } };
const half = () => 0.5;
const failed = (status: number, headers: Record<string, string> = {}, code?: string) =>
  new APIError({ status, code, message: 'x', headers: new Headers(headers) });

describe('retryDelay', () => {
  test('the budget: nothing after maxRetries retries', () => {
    expect(retryDelay(failed(503), 2, 2, policy, half)).toBeUndefined();
    expect(retryDelay(failed(503), 0, 0, policy, half)).toBeUndefined();
  });

  test('connection errors and timeouts back off with full jitter; aborts are final', () => {
    expect(retryDelay(new APIConnectionError(), 0, 2, policy, half)).toBe(250);
    expect(retryDelay(new APIConnectionTimeoutError(), 1, 2, policy, half)).toBe(500);
    expect(retryDelay(new APIUserAbortError(), 0, 2, policy, half)).toBeUndefined();
  });

  test('retried statuses: 408, 429, 5xx, and 409 except a plain conflict', () => {
    for (const status of [408, 429, 500, 503])
      expect(retryDelay(failed(status), 0, 2, policy, half)).toBe(250);
    for (const status of [400, 401, 403, 404, 422])
      expect(retryDelay(failed(status), 0, 2, policy, half)).toBeUndefined();
    expect(retryDelay(failed(409, {}, 'idempotency_key_in_use'), 0, 2, policy, half)).toBe(250);
    expect(retryDelay(failed(409, {}, 'conflict'), 0, 2, policy, half)).toBeUndefined();
  });

  test('x-should-retry overrides the status', () => {
    expect(retryDelay(failed(503, { 'x-should-retry': 'false' }), 0, 2, policy, half)).toBeUndefined();
    expect(retryDelay(failed(400, { 'x-should-retry': 'true' }), 0, 2, policy, half)).toBe(250);
  });

  test('the server-requested wait wins; one longer than maxRetryAfter is final', () => {
    expect(retryDelay(failed(429, { 'retry-after': '2' }), 0, 2, policy, half)).toBe(2_000);
    expect(retryDelay(failed(429, { 'retry-after': '61' }), 0, 2, policy, half)).toBeUndefined();
  });
});
