import type { Scope } from '@regen/contract/scopes';
import { ApiError } from '../http/api-error.ts';
import type { StubRequest } from '../http/exchange.ts';
import type { ApiKeyRegistry } from './api-key-registry.ts';
import { digestApiKey, digestsEqual, looksLikeApiKey } from './api-key-secret.ts';
import { type JwtService, TokenError } from './jwt.ts';
import type { Principal } from './principal.ts';
import type { RefreshSessions } from './refresh-sessions.ts';
import type { TokenDenylist } from './token-denylist.ts';

/** Everything credential verification needs. */
export interface AuthDeps {
  readonly apiKeys: ApiKeyRegistry;
  readonly jwt: JwtService;
  readonly sessions: RefreshSessions;
  readonly denylist: TokenDenylist;
  /** SHA-256 digest of `--admin-key`, if any. */
  readonly adminKeyDigest: Buffer | null;
  readonly adminPrincipal: Principal;
  /** Whether a user still exists (tokens of deleted users are refused). */
  readonly userExists: (id: string) => boolean;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
// Scope arrays are replaced, never mutated, when a key's scopes change: one Set per array.
const scopeSets = new WeakMap<readonly Scope[], ReadonlySet<Scope>>();

function challenge(error?: string): Record<string, string> {
  return { 'www-authenticate': error ? `Bearer realm="regen", error="${error}"` : 'Bearer realm="regen"' };
}

/**
 * Verifies the credential of a request: an API key in `X-API-Key` or `Authorization: Bearer`,
 * or a JWT access token (login or OAuth) as `Bearer`. Returns `undefined` when none is sent;
 * throws 401 with seed 003's messages otherwise. `expireToken` is chaos mode's
 * "token expires mid-session": the JWT presented is expired from now on.
 */
export function authenticate(
  request: StubRequest,
  deps: AuthDeps,
  expireToken = false,
): Principal | undefined | Promise<Principal> {
  // API keys are checked synchronously (no promise on the hot path); JWTs need `jose`.
  const apiKey = request.header('x-api-key');
  if (apiKey !== undefined && apiKey !== '') return byApiKey(apiKey.trim(), deps);
  const authorization = request.header('authorization');
  if (authorization === undefined || authorization === '') return undefined;
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) throw new ApiError('missing_api_key', undefined, { headers: challenge() });
  if (looksLikeApiKey(token)) return byApiKey(token, deps);
  return byJwt(token, deps, expireToken);
}

function byApiKey(secret: string, deps: AuthDeps): Principal {
  const digest = digestApiKey(secret);
  if (deps.adminKeyDigest !== null && digestsEqual(digest, deps.adminKeyDigest)) return deps.adminPrincipal;
  const found = deps.apiKeys.authenticate(digest, Date.now());
  if (typeof found === 'string')
    throw new ApiError('invalid_api_key', undefined, { headers: challenge('invalid_token') });
  let scopes = scopeSets.get(found.scopes);
  if (!scopes) {
    scopes = new Set(found.scopes);
    scopeSets.set(found.scopes, scopes);
  }
  return {
    type: 'api_key',
    id: found.id,
    userId: found.ownerId,
    scopes,
    rateKey: `key:${found.id}`,
    keyPrefix: found.keyPrefix,
  };
}

async function byJwt(token: string, deps: AuthDeps, expireToken: boolean): Promise<Principal> {
  const refuse = (message: string) =>
    new ApiError('invalid_token', message, { headers: challenge('invalid_token') });
  let claims: Awaited<ReturnType<JwtService['verifyAccess']>>;
  try {
    claims = await deps.jwt.verifyAccess(token);
  } catch (error) {
    throw refuse(error instanceof TokenError ? error.message : 'Invalid token');
  }
  if (deps.denylist.isExpired(claims.jti)) throw refuse('Token expired');
  if (deps.denylist.isRevoked(claims.jti)) throw refuse('Token revoked');
  if (claims.sid !== undefined && !deps.sessions.live(claims.sid)) throw refuse('Token revoked');
  if (expireToken) {
    deps.denylist.expire(claims.jti, claims.exp);
    throw refuse('Token expired');
  }
  const userId =
    claims.sid !== undefined || claims.client_id === undefined ? claims.sub : deps.adminPrincipal.userId;
  if (claims.client_id === undefined && !deps.userExists(claims.sub)) throw refuse('Invalid token');
  const scopes = new Set(claims.scope.split(' ').filter(Boolean) as Scope[]);
  const principal: Principal = {
    type: claims.client_id === undefined ? 'jwt' : 'oauth',
    id: claims.client_id ?? claims.sub,
    userId,
    scopes,
    rateKey:
      claims.client_id !== undefined && claims.sid === undefined
        ? `client:${claims.client_id}`
        : `user:${claims.sub}`,
    tokenId: claims.jti,
    ...(claims.sid !== undefined ? { sessionId: claims.sid } : {}),
  };
  return principal;
}
