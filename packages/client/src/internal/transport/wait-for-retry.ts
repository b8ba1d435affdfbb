import type { Logger } from '../../core/logger.ts';
import { sleep } from '../sleep.ts';

/**
 * Sleeps `ms` before retry `retry + 1`, rejecting with `APIUserAbortError` as soon as `signal`
 * aborts; says so on `logger` (given only when the level lets `info` through).
 */
export function waitForRetry(
  ms: number,
  retry: number,
  error: Error,
  logger: Logger | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  logger?.info(`Retrying in ${Math.round(ms)} ms (retry ${retry + 1}): ${error.message}`);
  return sleep(ms, signal);
}
