import { expect, test, vi } from 'vitest';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import { waitForRetry } from './wait-for-retry.ts';

const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

test('says why at info, then waits', async () => {
  const started = Date.now();
  await waitForRetry(30.4, 0, new Error('503 service_unavailable'), logger, undefined);
  expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  expect(logger.info).toHaveBeenCalledWith('Retrying in 30 ms (retry 1): 503 service_unavailable');
});

test('an abort ends the wait at once', async () => {
  const controller = new AbortController();
  const pending = waitForRetry(60_000, 1, new Error('x'), undefined, controller.signal);
  controller.abort();
  await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
});
