import { ApiError } from '../http/api-error.ts';
import { errorEnvelope, JSON_TYPE } from '../http/error-body.ts';
import type { StubResponse } from '../http/exchange.ts';
import type { RateDecision } from '../ratelimit/limiter.ts';
import { formatRetryAfter } from './engine.ts';
import type { Fault } from './fault.ts';

/**
 * The response of a fault answered before any processing (429, 503, hang, reset before the
 * work), or `undefined` for faults that act later (slow, reset after, truncate, expire-token).
 * These responses are not checked against the contract: chaos is exempt by design. They still
 * carry the `X-RateLimit-*` headers the contract promises on every response: the caller's
 * current window (`rate`, not counted), shown as spent until `Retry-After` on an injected 429.
 */
export function earlyFault(
  fault: Fault,
  requestId: string,
  headers: Record<string, string>,
  rate: RateDecision,
): StubResponse | undefined {
  switch (fault.kind) {
    case '429':
    case '503': {
      const error = new ApiError(fault.kind === '429' ? 'rate_limit_exceeded' : 'service_unavailable');
      const out: Record<string, string> = { ...headers, 'content-type': JSON_TYPE };
      // The contract requires Retry-After on 503 as on 429 ("Rate limits"): default 1 second.
      const ms = fault.retryAfterMs;
      const seconds = fault.retryAfter ?? (ms === undefined ? 1 : Math.ceil(ms / 1000));
      out['retry-after'] = formatRetryAfter(seconds, fault.retryAfterFormat);
      if (ms !== undefined) out['retry-after-ms'] = String(ms);
      const spent = fault.kind === '429';
      out['x-ratelimit-limit'] = String(rate.limit);
      out['x-ratelimit-remaining'] = String(spent ? 0 : rate.remaining);
      out['x-ratelimit-reset'] = String(spent ? Math.ceil(Date.now() / 1000) + seconds : rate.reset);
      return { status: error.status, headers: out, body: JSON.stringify(errorEnvelope(error, requestId)) };
    }
    case 'hang':
      return { status: 0, headers, body: undefined, delivery: { kind: 'hang' } };
    case 'reset':
      return fault.when === 'before'
        ? { status: 0, headers, body: undefined, delivery: { kind: 'reset' } }
        : undefined;
    default:
      return undefined;
  }
}
