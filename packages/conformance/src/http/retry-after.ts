/**
 * @module Reading how long a 429 asks the client to wait: the rule itself lives in
 * `@regen/contract/http`, shared with `@regen/client`, so the runner and the SDK honour the same
 * headers the same way. (The runner does not depend on the client; both depend on the contract,
 * whose rate-limit headers this reads.)
 */
import { serverRetryDelayMs } from '@regen/contract/http';

/**
 * Milliseconds to wait according to `retry-after-ms`, `Retry-After` (RFC 9110 §10.2.3:
 * delay-seconds or an HTTP-date), else `X-RateLimit-Reset` once `X-RateLimit-Remaining` is 0
 * (openapi/README.md, "Rate limits"), else `undefined`. Negative waits become 0.
 */
export function retryDelayMs(
  headers: Readonly<Record<string, string>>,
  now = Date.now(),
): number | undefined {
  return serverRetryDelayMs({ get: (name) => headers[name] ?? null }, now);
}
