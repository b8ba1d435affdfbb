import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../http/api-error.ts';
import { applyRateHeaders } from '../ratelimit/rate-headers.ts';
import type { Exchange } from './exchange-context.ts';

const MISSING = () =>
  new ApiError('missing_api_key', undefined, { headers: { 'www-authenticate': 'Bearer realm="regen"' } });

/**
 * Judges the request's credential: the principal, `undefined` for none, or a thrown 401. When
 * `judgedAt` is given, a refused credential is judged once more after the data is brought up to
 * date (it may have been created on another instance).
 */
export async function judgeCredential(
  ex: Exchange,
  /** The data version the credential is judged at; `undefined`: do not retry. */
  judgedAt: number | undefined,
): Promise<Principal | undefined> {
  const expire = ex.fault?.kind === 'expire-token';
  let principal: Principal | undefined;
  // Inline, not awaited when synchronous: an API key is checked synchronously (hot path).
  try {
    const verified = authenticate(ex.request, ex.deps.auth, expire);
    principal = verified instanceof Promise ? await verified : verified;
  } catch (error) {
    principal = await refused(ex, error, judgedAt);
  }
  if (principal === undefined && ex.route.op.auth === 'required') await refuseUnauthenticated(ex, MISSING());
  return principal;
}

/**
 * A refused credential: retried once with up-to-date data when `judgedAt` is given (PostgreSQL
 * mode). Otherwise 401, except that optional auth (the health check) reads an invalid credential
 * as none.
 */
async function refused(
  ex: Exchange,
  error: unknown,
  judgedAt: number | undefined,
): Promise<Principal | undefined> {
  const shared = ex.deps.services.shared;
  if (judgedAt !== undefined && shared !== undefined && error instanceof ApiError) {
    // Another request may have caught up meanwhile: compare versions, not whether this one pulled.
    await shared.ensureFresh();
    if (shared.version !== judgedAt) return judgeCredential(ex, undefined);
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
