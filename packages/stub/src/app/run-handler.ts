import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { Fault } from '../chaos/fault.ts';
import type { RawResult } from '../handlers/raw-handler.ts';
import { ApiError } from '../http/api-error.ts';
import { JSON_TYPE } from '../http/error-body.ts';
import type { StubResponse } from '../http/exchange.ts';
import { stableStringify } from '../http/json-body.ts';
import type { IdempotencyOutcome } from '../idempotency/store.ts';
import type { Store } from '../store/store.ts';
import type { Exchange } from './exchange-context.ts';
import { fail, finish } from './respond.ts';

/** A validated request, ready for its handler. */
export interface Admitted {
  readonly principal: Principal | undefined;
  /** Rate-limit identity, which also scopes idempotency keys. */
  readonly identity: string;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly fault: Fault | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs the handler under the idempotency rules (replay, 422 on another body, 409 while in
 * flight), then applies the chaos faults that act on a finished response.
 */
export async function runHandler(ex: Exchange, admitted: Admitted): Promise<StubResponse> {
  const { route, request } = ex;
  const key = route.op.idempotent ? request.header('idempotency-key') : undefined;
  let outcome: IdempotencyOutcome | undefined;
  if (key !== undefined) {
    // Serialized only when a key needs it (never for PUT/PATCH, logins or token requests).
    const body = admitted.body === undefined ? '' : stableStringify(admitted.body);
    const fingerprint = createHash('sha256')
      .update(`${route.op.method} ${request.path}\n${body}`)
      .digest('hex');
    // Keys are scoped per credential (its rate-limit identity; the client address without one), so
    // never shared across accounts or modes. Not per account: a replay skips the handler's checks,
    // so a narrow key could replay a broad key's createApiKey answer and receive its secret.
    const scope = admitted.identity;
    outcome = await ex.deps.idempotency.begin(`${scope}\n${key}`, fingerprint);
    if (outcome.kind === 'mismatch') throw new ApiError('idempotency_key_reused');
    if (outcome.kind === 'in_flight') {
      throw new ApiError('idempotency_key_in_use', undefined, { headers: { 'retry-after': '1' } });
    }
    if (outcome.kind === 'replay') {
      return {
        status: outcome.response.status,
        headers: outcome.response.cacheControl
          ? {
              ...ex.headers,
              'content-type': JSON_TYPE,
              'idempotent-replayed': 'true',
              'cache-control': outcome.response.cacheControl,
            }
          : { ...ex.headers, 'content-type': JSON_TYPE, 'idempotent-replayed': 'true' },
        body: outcome.response.body,
      };
    }
    const pending = outcome;
    request.onAbort(() => void pending.abandon());
  }

  // A slow fault delays the work itself, so the request is "in flight" meanwhile.
  if (admitted.fault?.kind === 'slow') await sleep(admitted.fault.delayMs);

  let response: StubResponse;
  try {
    const services = ex.deps.services;
    const principal = admitted.principal;
    const partition =
      principal === undefined
        ? NO_PARTITION
        : services.tenancy.partition(principal.accountId, principal.mode);
    const call = () =>
      route.handler({
        requestId: ex.requestId,
        operation: route.op,
        params: ex.params,
        query: admitted.query,
        body: admitted.body,
        principal,
        // Only the caller's partition: another account's or mode's records are not in it. (A plain
        // property: an object literal with a getter made every request ~20 % slower.)
        store: partition,
        request,
        services,
      });
    // With PostgreSQL, a change of data is one transaction (see PgStore).
    const shared = ex.deps.services.shared;
    const result: RawResult =
      shared !== undefined && route.isWrite && !OUTSIDE_STORE.has(route.op.operationId)
        ? await shared.write(call)
        : await call();
    response = finish(ex, result);
  } catch (error) {
    response = fail(ex, error);
  }
  try {
    await settle(outcome, response);
  } catch {
    // Redis went away after the work was done: the client still gets the real answer (its key
    // stays marked in flight until the marker expires).
  }
  // Faults on the way out come after the contract check, and are exempt from it.
  if (admitted.fault?.kind === 'reset') response.delivery = { kind: 'reset' };
  else if (admitted.fault?.kind === 'truncate') response.delivery = { kind: 'truncate' };
  return response;
}

/** The `store` of an operation without a caller: any use is a bug of its handler, said at once. */
const NO_PARTITION = new Proxy({} as Store, {
  get(_target, property) {
    throw new Error(`an operation without a credential used store.${String(property)}: it has no data`);
  },
});

/** Writes that change no domain data (tokens and counters live in Redis): no transaction. */
const OUTSIDE_STORE: ReadonlySet<string> = new Set([
  'login',
  'refreshToken',
  'logout',
  'createOAuthToken',
  'revokeOAuthToken',
]);

async function settle(outcome: IdempotencyOutcome | undefined, response: StubResponse): Promise<void> {
  if (outcome?.kind !== 'proceed') return;
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
