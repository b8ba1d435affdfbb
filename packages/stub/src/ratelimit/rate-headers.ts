import type { RateDecision } from './limiter.ts';

/** `X-RateLimit-*` of the bucket closest to exhaustion, and `Retry-After` on refusal (the contract's "Rate limits"). */
export function applyRateHeaders(headers: Record<string, string>, decision: RateDecision): void {
  headers['x-ratelimit-limit'] = String(decision.limit);
  headers['x-ratelimit-remaining'] = String(decision.remaining);
  headers['x-ratelimit-reset'] = String(decision.reset);
  if (!decision.allowed) headers['retry-after'] = String(decision.retryAfter);
}
