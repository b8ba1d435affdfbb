import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../http/api-error.ts';
import { applyRateHeaders } from '../ratelimit/rate-headers.ts';
import type { Exchange } from './exchange-context.ts';

const MISSING = () =>
  new ApiError('missing_api_key', undefined, { headers: { 'www-authenticate': 'Bearer realm="regen"' } });

/**
 * Judges the request's credential: the principal, `undefined` for none, or a thrown 401 (a
 * rejection). When `judgedAt` is given, a refused credential is judged once more after the data is
 * brought up to date (it may have been created on another instance). A valid API key is judged
 * synchronously (the hot path: no promise); a JWT or a refusal settles later.
 */
export function judgeCredential(
  ex: Exchange,
  /** The data version the credential is judged at; `undefined`: do not retry. */
  judgedAt: number | undefined,
): Principal | undefined | Promise<Principal | undefined> {
  const expire = ex.fault?.kind === 'expire-token';
  let verified: ReturnType<typeof authenticate>;
  try {
    verified = authenticate(ex.request, ex.deps.auth, expire);
  } catch (error) {
    return refused(ex, error, judgedAt).then((principal) => required(ex, principal));
  }
  if (verified instanceof Promise) {
    return verified.then(
      (principal) => required(ex, principal),
      (error: unknown) => refused(ex, error, judgedAt).then((principal) => required(ex, principal)),
    );
  }
  return required(ex, verified);
}

/** No credential where the operation requires one: 401 (counted against the address). */
function required(
  ex: Exchange,
  principal: Principal | undefined,
): Principal | undefined | Promise<Principal | undefined> {
  return principal === undefined && ex.route.op.auth === 'required'
    ? refuseUnauthenticated(ex, MISSING())
    : principal;
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
