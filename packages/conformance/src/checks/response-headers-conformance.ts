/**
 * @module response_headers_conformance: the headers every Regen response carries (rate limits,
 * request id), `Retry-After` on 429, and every header the operation documents.
 */
import { isObject } from '../spec/json-pointer.ts';
import { responseFor } from '../spec/lookup.ts';
import { answeredByPrism, PRISM_OWN_ERRORS } from '../support/prism.ts';
import { type CheckEnvironment, defineCheck, type Exchange, fail, PASS, type Verdict } from './api.ts';

/** Rate-limit headers every response carries (the contract's "Rate limits"). */
const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;

function problems(exchange: Exchange, env: CheckEnvironment): string[] {
  const headers = exchange.response.headers;
  const out: string[] = [];
  for (const name of RATE_LIMIT_HEADERS) {
    const value = headers[name];
    if (value === undefined) out.push(`missing ${name}`);
    else if (!/^\d+$/.test(value.trim()))
      out.push(`${name} is not a non-negative integer: ${JSON.stringify(value)}`);
  }
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (Number.isInteger(limit) && Number.isInteger(remaining) && remaining > limit) {
    out.push(`x-ratelimit-remaining ${remaining} exceeds x-ratelimit-limit ${limit}`);
  }
  const requestId = headers['x-request-id'];
  if (!requestId) out.push('missing x-request-id');
  // The error envelope repeats the request id; both must name the same request.
  const error = isObject(exchange.json) && isObject(exchange.json.error) ? exchange.json.error : undefined;
  if (requestId && error && typeof error.requestId === 'string' && error.requestId !== requestId) {
    out.push(`x-request-id ${requestId} differs from error.requestId ${error.requestId}`);
  }
  if (exchange.response.status === 429) {
    const retryAfter = headers['retry-after'];
    // RFC 9110 §10.2.3: delay-seconds or an HTTP-date.
    if (!retryAfter) out.push('429 without retry-after');
    else if (!/^\d+$/.test(retryAfter.trim()) && Number.isNaN(Date.parse(retryAfter))) {
      out.push(`retry-after is neither seconds nor an HTTP date: ${JSON.stringify(retryAfter)}`);
    }
  }
  const op = exchange.operation;
  const documented = op ? responseFor(op, exchange.response.status) : undefined;
  for (const header of documented?.headers ?? []) {
    const value = headers[header.name.toLowerCase()];
    if (value === undefined) {
      if (header.required) out.push(`missing documented header ${header.name}`);
      continue;
    }
    if (header.schema) {
      const result = env.validator.validateParameter(header.schema, value);
      if (!result.valid)
        out.push(`${header.name}: ${JSON.stringify(value)} ${result.errors[0]?.message ?? 'is invalid'}`);
    }
  }
  return out;
}

/** Fails when a response lacks or malforms a header the contract requires of it. */
export const responseHeadersConformance = defineCheck({
  name: 'response_headers_conformance',
  phase: 'response',
  suite: 'schema',
  description:
    'Every response carries integer X-RateLimit-Limit/Remaining/Reset and X-Request-Id, 429s carry Retry-After, and documented headers are present and valid.',
  evaluate(exchange, env): Verdict | undefined {
    if (!exchange.operation) return undefined;
    const found = problems(exchange, env);
    return found.length === 0 ? PASS : fail(`Response ${exchange.response.status}: ${found.join('; ')}`);
  },
  clause:
    '"Rate limits" (X-RateLimit-* on every response, Retry-After on 429), "Errors" (X-Request-Id = error.requestId), documented response headers',
  profiles: { prism: [{ reason: PRISM_OWN_ERRORS, when: answeredByPrism }] },
});
