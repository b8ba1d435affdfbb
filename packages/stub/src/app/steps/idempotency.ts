import { createHash } from 'node:crypto';
import { ApiError } from '../../http/api-error.ts';
import { JSON_TYPE } from '../../http/error-body.ts';
import type { StubResponse } from '../../http/exchange.ts';
import { stableStringify } from '../../http/json-body.ts';
import type { IdempotencyOutcome, StoredResponse } from '../../idempotency/store.ts';
import type { Next, Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/**
 * An `Idempotency-Key` on an idempotent operation: the first request runs and its answer is kept;
 * the same key again replays it, with another body is 422, while the first runs 409.
 */
export const idempotency: Step<Exchange> = (ex, next) => {
  const key = ex.route.op.idempotent ? ex.request.header('idempotency-key') : undefined;
  return key === undefined ? next() : runOnce(ex, key, next);
};

async function runOnce(ex: Exchange, key: string, next: Next): Promise<StubResponse> {
  const { route, request } = ex;
  // Serialized only when a key needs it (never for PUT/PATCH, logins or token requests).
  const body = ex.body === undefined ? '' : stableStringify(ex.body);
  const fingerprint = createHash('sha256')
    .update(`${route.op.method} ${request.path}\n${body}`)
    .digest('hex');
  // Keys are scoped per credential (its rate-limit identity; the client address without one), so
  // never shared across accounts or modes. Not per account: a replay skips the handler's checks,
  // so a narrow key could replay a broad key's createApiKey answer and receive its secret.
  const outcome = await ex.deps.idempotency.begin(`${ex.identity}\n${key}`, fingerprint);
  if (outcome.kind === 'mismatch') throw new ApiError('idempotency_key_reused');
  if (outcome.kind === 'in_flight') {
    throw new ApiError('idempotency_key_in_use', undefined, { headers: { 'retry-after': '1' } });
  }
  if (outcome.kind === 'replay') return replay(ex, outcome.response);
  request.onAbort(() => void outcome.abandon());
  const response = await next();
  try {
    await settle(outcome, response);
  } catch {
    // Redis went away after the work was done: the client still gets the real answer (its key
    // stays marked in flight until the marker expires).
  }
  return response;
}

/** The kept answer, marked as replayed (never checked against the contract again). */
function replay(ex: Exchange, kept: StoredResponse): StubResponse {
  return {
    status: kept.status,
    headers: kept.cacheControl
      ? {
          ...ex.headers,
          'content-type': JSON_TYPE,
          'idempotent-replayed': 'true',
          'cache-control': kept.cacheControl,
        }
      : { ...ex.headers, 'content-type': JSON_TYPE, 'idempotent-replayed': 'true' },
    body: kept.body,
  };
}

/** Keeps a finished answer for replays; a 5xx (or a non-text body) frees the key for a retry instead. */
async function settle(
  outcome: Extract<IdempotencyOutcome, { kind: 'proceed' }>,
  response: StubResponse,
): Promise<void> {
  if (response.status >= 500 || typeof response.body !== 'string') await outcome.abandon();
  else {
    const cacheControl = response.headers['cache-control'];
    await outcome.complete(
      cacheControl === undefined
        ? { status: response.status, body: response.body }
        : { status: response.status, body: response.body, cacheControl },
    );
  }
}
