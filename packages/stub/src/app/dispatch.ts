import { createHash } from 'node:crypto';
import { type AuthDeps, authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { firstMissing } from '../auth/principal.ts';
import type { ChaosEngine } from '../chaos/engine.ts';
import { formatRetryAfter } from '../chaos/engine.ts';
import type { Fault } from '../chaos/fault.ts';
import { ApiError } from '../http/api-error.ts';
import { applyCors, preflightHeaders } from '../http/cors.ts';
import type { StubHandler, StubRequest, StubResponse } from '../http/exchange.ts';
import { mediaTypeOf, parseForm, parseJson, stableStringify } from '../http/json-body.ts';
import { OAuthError } from '../http/oauth-error.ts';
import type { Router } from '../http/router.ts';
import type { IdempotencyStore } from '../idempotency/store.ts';
import type { Logger } from '../log/logger.ts';
import type { RateDecision, RateLimiter } from '../ratelimit/limiter.ts';
import type { RawResult } from './handler-types.ts';
import { applyRateHeaders, errorEnvelope, JSON_TYPE, oauthErrorBody } from './responses.ts';
import type { OperationRoute, Route } from './route.ts';
import type { Services } from './services.ts';

/** 1 MiB: larger bodies are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

/** A response that broke the contract (answered as 500 `internal_error`). */
export interface Violation {
  readonly requestId: string;
  readonly operationId: string;
  readonly status: number;
  readonly details: readonly { path: string; message: string }[];
}

/** What the dispatcher is built from. */
export interface DispatchDeps {
  readonly router: Router<Route>;
  readonly nextRequestId: () => string;
  readonly limiter: RateLimiter;
  readonly chaos: ChaosEngine | null;
  readonly idempotency: IdempotencyStore;
  readonly auth: AuthDeps;
  readonly services: Services;
  readonly logger: Logger;
  readonly validateResponses: boolean;
  readonly onViolation: (violation: Violation) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * The request pipeline: CORS → route (404/405) → chaos → authenticate (401) → rate limit
 * (429) → scope (403) → content type (415) → body (413, 400) → validation (400) →
 * idempotency (409/422/replay) → handler → response validation (500 on violation) → delivery.
 */
export function createDispatcher(deps: DispatchDeps): StubHandler {
  const { router, limiter } = deps;

  return async (request) => {
    const requestId = deps.nextRequestId();
    const origin = request.header('origin');
    const method = request.method;
    if (method === 'OPTIONS') {
      // Any method that never names a route reports the path's `Allow` list, or 404.
      const probe = router.match('\u0000', request.path);
      if (probe.kind === 'method_not_allowed') {
        const allow = `${probe.allow}, OPTIONS`;
        const headers = preflightHeaders(origin, allow, request.header('access-control-request-headers'));
        headers['x-request-id'] = requestId;
        return { status: 204, headers, body: undefined };
      }
    }
    const headers: Record<string, string> = { 'x-request-id': requestId };
    applyCors(headers, origin);
    const match = router.match(method, request.path);
    if (match.kind === 'found') {
      const route = match.value;
      if (route.kind === 'internal') return route.handle(request, headers);
      try {
        return await runOperation(deps, route, match.params, request, requestId, headers);
      } catch (error) {
        return failOperation(deps, route, error, requestId, headers);
      }
    }
    applyRateHeaders(headers, limiter.peek(`ip:${request.remoteAddress}`, false));
    let error: ApiError;
    if (match.kind === 'method_not_allowed') {
      headers.allow = match.allow;
      error = new ApiError(
        'method_not_allowed',
        `${method} is not allowed on ${request.path} (allowed: ${match.allow})`,
      );
    } else {
      error = new ApiError('not_found', `No route for ${method} ${request.path}`);
    }
    headers['content-type'] = JSON_TYPE;
    return { status: error.status, headers, body: JSON.stringify(errorEnvelope(error, requestId)) };
  };
}

async function runOperation(
  deps: DispatchDeps,
  route: OperationRoute,
  params: Readonly<Record<string, string>>,
  request: StubRequest,
  requestId: string,
  headers: Record<string, string>,
): Promise<StubResponse> {
  const op = route.op;

  let fault: Fault | undefined;
  if (deps.chaos !== null) {
    try {
      fault = deps.chaos.decide(
        request.header('regen-fault'),
        request.remoteAddress,
        `${op.method} ${request.path}`,
        route.randomChaos,
      );
    } catch (error) {
      throw new ApiError('invalid_request', `Invalid Regen-Fault header: ${(error as Error).message}`);
    }
    const early = fault && earlyFault(fault, requestId, headers);
    if (early) return early;
  }

  let principal: Principal | undefined;
  if (op.auth !== 'none') {
    try {
      principal = await authenticate(request, deps.auth, fault?.kind === 'expire-token');
    } catch (error) {
      if (op.auth === 'required' || !(error instanceof ApiError))
        return refuseUnauthenticated(deps, request, error, headers);
    }
    if (principal === undefined && op.auth === 'required') {
      return refuseUnauthenticated(
        deps,
        request,
        new ApiError('missing_api_key', undefined, {
          headers: { 'www-authenticate': 'Bearer realm="regen"' },
        }),
        headers,
      );
    }
  }

  const identity = principal ? principal.rateKey : `ip:${request.remoteAddress}`;
  const decision = deps.limiter.consume(identity, route.isWrite);
  applyRateHeaders(headers, decision);
  if (!decision.allowed) throw new ApiError('rate_limit_exceeded');

  if (principal !== undefined && op.scopes !== null && op.scopes.length > 0) {
    const missing = firstMissing(principal.scopes, op.scopes);
    if (missing !== undefined) {
      throw new ApiError('insufficient_scope', `API key lacks required permissions: ${missing}`, {
        scope: missing,
      });
    }
  }

  const validation = route.validation;
  const pathCheck = validation.checkPath(params);
  // An id that cannot exist (wrong prefix or characters) is simply not found.
  if (!pathCheck.ok) throw new ApiError('not_found', `No resource ${request.path}`);
  const queryCheck = validation.checkQuery(request.rawQuery);
  const details = [
    ...(queryCheck.ok ? [] : queryCheck.details),
    ...validation.checkHeaders((name) => request.header(name)),
  ];
  if (details.length > 0) throw new ApiError('validation_error', undefined, { details });
  const query = queryCheck.ok ? queryCheck.value : {};

  let body: unknown;
  let fingerprintSource = '';
  if (validation.contentTypes.length > 0) {
    const length = request.header('content-length');
    const hasBody =
      (length !== undefined && length !== '0') || request.header('transfer-encoding') !== undefined;
    if (hasBody) {
      const type = mediaTypeOf(request.header('content-type'));
      if (type === undefined || !validation.contentTypes.includes(type)) {
        throw new ApiError(
          'unsupported_media_type',
          `Content-Type must be ${validation.contentTypes.join(' or ')}`,
        );
      }
      const raw = await request.readBody(BODY_LIMIT);
      if (raw.length > 0) {
        body = type === 'application/x-www-form-urlencoded' ? parseForm(raw) : parseJson(raw);
        fingerprintSource = stableStringify(body);
        const checked = validation.checkBody(type, body);
        if (!checked.ok)
          throw (
            route.invalidBody?.(body) ??
            new ApiError('validation_error', undefined, { details: checked.details })
          );
      }
    }
    if (body === undefined && validation.bodyRequired) {
      throw new ApiError('validation_error', 'Request body is required', {
        details: [{ path: '/', message: 'is required' }],
      });
    }
  }
  return await withIdempotency(
    deps,
    route,
    params,
    request,
    requestId,
    headers,
    principal,
    identity,
    body,
    fingerprintSource,
    fault,
    query,
  );
}

async function withIdempotency(
  deps: DispatchDeps,
  route: OperationRoute,
  params: Readonly<Record<string, string>>,
  request: StubRequest,
  requestId: string,
  headers: Record<string, string>,
  principal: Principal | undefined,
  identity: string,
  body: unknown,
  fingerprintSource: string,
  fault: Fault | undefined,
  query: Readonly<Record<string, unknown>>,
): Promise<StubResponse> {
  const key = route.op.idempotent ? request.header('idempotency-key') : undefined;
  let outcome: ReturnType<IdempotencyStore['begin']> | undefined;
  if (key !== undefined) {
    const fingerprint = createHash('sha256')
      .update(`${route.op.method} ${request.path}\n${fingerprintSource}`)
      .digest('hex');
    outcome = deps.idempotency.begin(`${identity}\n${key}`, fingerprint);
    if (outcome.kind === 'mismatch') throw new ApiError('idempotency_key_reused');
    if (outcome.kind === 'in_flight')
      throw new ApiError('idempotency_key_in_use', undefined, { headers: { 'retry-after': '1' } });
    if (outcome.kind === 'replay') {
      return {
        status: outcome.response.status,
        headers: { ...headers, 'content-type': JSON_TYPE, 'idempotent-replayed': 'true' },
        body: outcome.response.body,
      };
    }
    const pending = outcome;
    request.onAbort(() => pending.abandon());
  }

  if (fault?.kind === 'slow') await sleep(fault.delayMs);

  let result: RawResult;
  try {
    result = await route.handler({
      requestId,
      operation: route.op,
      params,
      query,
      body,
      principal,
      request,
      services: deps.services,
    });
  } catch (error) {
    const response = failOperation(deps, route, error, requestId, headers);
    settle(outcome, response);
    return response;
  }
  const response = finish(deps, route, result, requestId, headers);
  settle(outcome, response);
  if (fault?.kind === 'reset') response.delivery = { kind: 'reset' };
  else if (fault?.kind === 'truncate') response.delivery = { kind: 'truncate' };
  return response;
}

function settle(outcome: ReturnType<IdempotencyStore['begin']> | undefined, response: StubResponse): void {
  if (outcome?.kind !== 'proceed') return;
  if (response.status >= 500 || typeof response.body !== 'string') outcome.abandon();
  else outcome.complete({ status: response.status, body: response.body });
}

/** Serializes a handler result after checking it against the contract. */
function finish(
  deps: DispatchDeps,
  route: OperationRoute,
  result: RawResult,
  requestId: string,
  headers: Record<string, string>,
): StubResponse {
  const out = result.headers ? { ...headers, ...result.headers } : headers;
  const json = result.contentType === undefined && result.body !== undefined;
  if (deps.validateResponses) {
    const check = route.validation.checkResponse(result.status, result.body, json);
    if (!check.ok) return violation(deps, route, result.status, check.details, requestId, headers);
  }
  if (json) {
    out['content-type'] = JSON_TYPE;
    return { status: result.status, headers: out, body: JSON.stringify(result.body) };
  }
  if (result.contentType !== undefined) out['content-type'] = result.contentType;
  return {
    status: result.status,
    headers: out,
    body: result.body === undefined ? undefined : String(result.body),
  };
}

function violation(
  deps: DispatchDeps,
  route: OperationRoute,
  status: number,
  details: readonly { path: string; message: string }[],
  requestId: string,
  headers: Record<string, string>,
): StubResponse {
  const v: Violation = { requestId, operationId: route.op.operationId, status, details };
  deps.logger.error('response violates the contract', { ...v });
  deps.onViolation(v);
  const error = new ApiError('internal_error', 'The stub produced a response that violates the contract');
  return {
    status: 500,
    headers: { ...headers, 'content-type': JSON_TYPE },
    body: JSON.stringify(errorEnvelope(error, requestId)),
  };
}

/** Turns a thrown error into the operation's error response (validated like any response). */
function failOperation(
  deps: DispatchDeps,
  route: OperationRoute,
  thrown: unknown,
  requestId: string,
  headers: Record<string, string>,
): StubResponse {
  if (thrown instanceof OAuthError) {
    return finish(
      deps,
      route,
      { status: thrown.status, body: oauthErrorBody(thrown), headers: thrown.headers },
      requestId,
      headers,
    );
  }
  if (thrown instanceof ApiError) {
    let error = thrown;
    if (
      error.code === 'validation_error' &&
      !route.op.statuses.includes(400) &&
      route.op.statuses.includes(422)
    ) {
      // An operation that declares no 400 (e.g. rotateApiKey and its Idempotency-Key header)
      // still gets a declared client error, never a 500.
      error = new ApiError('unprocessable_entity', error.message, error.extra);
    }
    if (route.oauthErrors && error.status === 400) {
      const description =
        error.extra.details?.map((d) => `${d.path} ${d.message}`).join('; ') ?? error.message;
      return finish(
        deps,
        route,
        { status: 400, body: { error: 'invalid_request', error_description: description } },
        requestId,
        headers,
      );
    }
    const result: RawResult = error.extra.headers
      ? { status: error.status, body: errorEnvelope(error, requestId), headers: error.extra.headers }
      : { status: error.status, body: errorEnvelope(error, requestId) };
    return finish(deps, route, result, requestId, headers);
  }
  deps.logger.error('handler failed', {
    requestId,
    operationId: route.op.operationId,
    error: describe(thrown),
  });
  const internal = new ApiError('internal_error');
  return {
    status: 500,
    headers: { ...headers, 'content-type': JSON_TYPE },
    body: JSON.stringify(errorEnvelope(internal, requestId)),
  };
}

function refuseUnauthenticated(
  deps: DispatchDeps,
  request: StubRequest,
  error: unknown,
  headers: Record<string, string>,
): never {
  // Failed authentication counts against the client address, so guessing keys is rate limited too.
  const decision: RateDecision = deps.limiter.consume(`ip:${request.remoteAddress}`, false);
  applyRateHeaders(headers, decision);
  if (!decision.allowed) throw new ApiError('rate_limit_exceeded');
  throw error;
}

/** Chaos faults answered before any processing. */
function earlyFault(
  fault: Fault,
  requestId: string,
  headers: Record<string, string>,
): StubResponse | undefined {
  switch (fault.kind) {
    case '429':
    case '503': {
      const error = new ApiError(fault.kind === '429' ? 'rate_limit_exceeded' : 'service_unavailable');
      const out: Record<string, string> = { ...headers, 'content-type': JSON_TYPE };
      const seconds = fault.retryAfter ?? (fault.kind === '429' ? 1 : undefined);
      if (seconds !== undefined) out['retry-after'] = formatRetryAfter(seconds, fault.retryAfterFormat);
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

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
