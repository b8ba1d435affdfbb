import { authenticate } from '../auth/authenticate.ts';
import { firstMissing, type Principal } from '../auth/principal.ts';
import { earlyFault } from '../chaos/early-fault.ts';
import type { Fault } from '../chaos/fault.ts';
import { ApiError } from '../http/api-error.ts';
import type { StubResponse } from '../http/exchange.ts';
import { mediaTypeOf, parseForm, parseJson } from '../http/json-body.ts';
import { applyRateHeaders } from '../ratelimit/rate-headers.ts';
import type { Exchange } from './exchange-context.ts';
import { runHandler } from './run-handler.ts';

/** 1 MiB: larger bodies are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

const MISSING = () =>
  new ApiError('missing_api_key', undefined, { headers: { 'www-authenticate': 'Bearer realm="regen"' } });

/**
 * One contract operation: chaos → authenticate (401) → rate limit (429) → scope (403) →
 * parameters (404 for impossible ids, 400) → content type (415) → body (413, 400) → handler.
 * Throws `ApiError`s; the dispatcher answers them.
 */
export async function runOperation(ex: Exchange): Promise<StubResponse> {
  const { deps, route, request } = ex;
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
      // Like every response, the 400 shows the caller's window (not counted).
      applyRateHeaders(ex.headers, await deps.limiter.peek(`ip:${request.remoteAddress}`, route.isWrite));
      throw new ApiError('invalid_request', `Invalid Regen-Fault header: ${(error as Error).message}`);
    }
    // Faults act before authentication, so the window shown is the caller's address's.
    const early =
      fault &&
      earlyFault(
        fault,
        ex.requestId,
        ex.headers,
        await deps.limiter.peek(`ip:${request.remoteAddress}`, route.isWrite),
      );
    if (early) return early;
  }

  const expire = fault?.kind === 'expire-token';
  const shared = deps.services.shared;
  const judgedAt = shared === undefined ? 0 : shared.version;
  let principal: Principal | undefined;
  if (op.auth !== 'none') {
    // Inline, not through verifyCredential: an API key is checked synchronously (hot path).
    try {
      const verified = authenticate(request, deps.auth, expire);
      principal = verified instanceof Promise ? await verified : verified;
    } catch (error) {
      principal = await refused(ex, error, expire, judgedAt);
    }
    if (principal === undefined && op.auth === 'required') await refuseUnauthenticated(ex, MISSING());
    ex.principal = principal;
  }

  const identity = principal ? principal.rateKey : `ip:${request.remoteAddress}`;
  const pending = deps.limiter.consume(identity, route.isWrite, principal?.limits);
  const decision = pending instanceof Promise ? await pending : pending;
  // With PostgreSQL: the rate-limit script also read the data version. When another instance
  // committed since, apply its changes and judge the credential again (a rotation, deactivation
  // or deletion elsewhere counts at once) before anything else is answered.
  if (shared !== undefined && decision.dataVersion !== undefined) {
    const caughtUp = await shared.catchUp(decision.dataVersion);
    if ((caughtUp || shared.version !== judgedAt) && op.auth !== 'none') {
      principal = await verifyCredential(ex, expire);
      ex.principal = principal;
    }
  }
  applyRateHeaders(ex.headers, decision);
  if (!decision.allowed) throw new ApiError('rate_limit_exceeded');

  if (principal !== undefined && op.scopes !== null && op.scopes.length > 0) {
    const missing = firstMissing(principal.scopes, op.scopes);
    if (missing !== undefined) {
      // The contract's error-code table message verbatim; the missing scope travels in `error.scope`.
      throw new ApiError('insufficient_scope', undefined, {
        scope: missing,
      });
    }
  }

  const validation = route.validation;
  // An id that cannot exist (wrong prefix or characters) is simply not found.
  if (!validation.checkPath(ex.params).ok) throw new ApiError('not_found', `No resource ${request.path}`);
  const queryCheck = validation.checkQuery(request.rawQuery);
  const headerDetails = validation.checkHeaders(request);
  if (!queryCheck.ok || headerDetails.length > 0) {
    const details = [...(queryCheck.ok ? [] : queryCheck.details), ...headerDetails];
    throw new ApiError('validation_error', undefined, { details });
  }

  let body: unknown;
  if (validation.contentTypes.length > 0) {
    const length = request.header('content-length');
    if ((length !== undefined && length !== '0') || request.header('transfer-encoding') !== undefined) {
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

  if (route.precheck !== undefined && body !== undefined) await route.precheck(body);

  return runHandler(ex, {
    principal,
    identity,
    query: queryCheck.ok ? queryCheck.value : {},
    body,
    fault,
  });
}

/** Judges the credential again (after the data changed): the principal, `undefined` for none, or a thrown 401. */
async function verifyCredential(ex: Exchange, expire: boolean): Promise<Principal | undefined> {
  let principal: Principal | undefined;
  try {
    const verified = authenticate(ex.request, ex.deps.auth, expire);
    principal = verified instanceof Promise ? await verified : verified;
  } catch (error) {
    principal = await refused(ex, error, expire, undefined);
  }
  if (principal === undefined && ex.route.op.auth === 'required') await refuseUnauthenticated(ex, MISSING());
  return principal;
}

/**
 * A refused credential: it may be one created on another instance (PostgreSQL mode), so when
 * `judgedAt` is given the data is brought up to date and the credential checked once more. Otherwise 401,
 * except that optional auth (the health check) reads an invalid credential as none.
 */
async function refused(
  ex: Exchange,
  error: unknown,
  expire: boolean,
  /** The data version the credential was judged at; `undefined`: do not retry. */
  judgedAt: number | undefined,
): Promise<Principal | undefined> {
  const shared = ex.deps.services.shared;
  if (judgedAt !== undefined && shared !== undefined && error instanceof ApiError) {
    // Another request may have caught up meanwhile: compare versions, not whether this one pulled.
    await shared.ensureFresh();
    if (shared.version !== judgedAt) return verifyCredential(ex, expire);
  }
  if (ex.route.op.auth === 'required' || !(error instanceof ApiError)) await refuseUnauthenticated(ex, error);
  return undefined;
}

/** Failed authentication counts against the client address, so guessing keys is rate limited too. */
async function refuseUnauthenticated(ex: Exchange, error: unknown): Promise<never> {
  const decision = await ex.deps.limiter.consume(`ip:${ex.request.remoteAddress}`, false);
  applyRateHeaders(ex.headers, decision);
  if (!decision.allowed) throw new ApiError('rate_limit_exceeded');
  throw error;
}
