import { serverRetryDelayMs } from '@regen/contract/http';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import type { APIError } from '../../errors/APIError.ts';
import { backoffDelayMs } from '../backoff.ts';

/** The client-wide half of the retry decision (`maxRetries` can change per call). */
export interface RetryPolicy {
  /** Longest server-requested wait honoured, in ms; a longer one makes the error final. */
  readonly maxRetryAfter: number;
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * How long to wait before retry `retry + 1` after `error`, or undefined when the error is final:
 * the budget is spent, the status is not worth repeating, the caller aborted, or the server asked
 * for a longer wait than `maxRetryAfter` (the caller is better placed to schedule that).
 */
export function retryDelay(
  error: APIError,
  retry: number,
  maxRetries: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (retry >= maxRetries) return undefined;
  const { initialMs, maxMs } = policy.backoff;
  // No status: a connection error, timeout or truncated body is retried; an abort is not.
  if (error.status === undefined) {
    return error instanceof APIConnectionError ? backoffDelayMs(retry, initialMs, maxMs, random) : undefined;
  }
  const headers = error.headers ?? new Headers();
  if (!isRetryable(error, headers)) return undefined;
  const requested = serverRetryDelayMs(headers);
  if (requested === undefined) return backoffDelayMs(retry, initialMs, maxMs, random);
  return requested > policy.maxRetryAfter ? undefined : requested;
}

/** Whether a failed status is worth another attempt (`x-should-retry`, when sent, decides). */
function isRetryable(error: APIError, headers: Headers): boolean {
  const hint = headers.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  const status = error.status as number;
  // 409 `idempotency_key_in_use` clears once the first request finishes; a plain `conflict`
  // (cancelling a cancelled order) never will, so retrying it only burns the budget.
  if (status === 409) return error.code !== 'conflict';
  return status === 408 || status === 429 || status >= 500;
}
