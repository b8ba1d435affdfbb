import type { Scope } from '@regen/contract/scopes';
import type { RateLimits } from '../config/rate-limits.ts';
import { ApiError } from '../http/api-error.ts';
import type { StubRequest } from '../http/exchange.ts';
import type { ApiKeyRecord } from './api-key-record.ts';
import type { ApiKeyRegistry } from './api-key-registry.ts';
import { digestsEqual, looksLikeApiKey } from './api-key-secret.ts';
import { digestOnConnection } from './connection-digest.ts';
import { type JwtService, TokenError } from './jwt.ts';
import { grants, type Principal } from './principal.ts';
import type { SessionStore } from './refresh-sessions.ts';
import type { DenylistPort } from './token-denylist.ts';

/** Everything credential verification needs. */
export interface AuthDeps {
  readonly apiKeys: ApiKeyRegistry;
  readonly jwt: JwtService;
  readonly sessions: SessionStore;
  readonly denylist: DenylistPort;
  /** SHA-256 digest of `--admin-key`, if any. */
  readonly adminKeyDigest: Buffer | null;
  readonly adminPrincipal: Principal;
  /** The account of a user; `undefined` once deleted (its tokens are refused). */
  readonly accountOfUser: (id: string) => string | undefined;
  /** The account of an OAuth client (client-credentials tokens act in it, as its owner). */
  readonly clientAccount: (
    clientId: string,
  ) => { readonly accountId: string; readonly ownerId: string } | undefined;
  /** The limits of an account's plan. */
  readonly limitsOf: (accountId: string) => RateLimits;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
// Scope arrays are replaced, never mutated, when a key's scopes change: one Set per array.
const scopeSets = new WeakMap<readonly Scope[], ReadonlySet<Scope>>();
// A key's rate-limit identity, one string per key: its hash (the limiter's map lookup) is worked
// out once, not for a string built again on every request.
const rateKeys = new WeakMap<ApiKeyRecord, string>();

function challenge(error?: string): Record<string, string> {
  return { 'www-authenticate': error ? `Bearer realm="regen", error="${error}"` : 'Bearer realm="regen"' };
}

/**
 * Verifies the credential of a request: an API key in `X-API-Key` or `Authorization: Bearer`,
 * or a JWT access token (login or OAuth) as `Bearer`. Returns `undefined` when none is sent;
 * throws 401 with the messages of the contract's error-code table otherwise. `expireToken` is chaos mode's
 * "token expires mid-session": the JWT presented is expired from now on.
 */
export function authenticate(
  request: StubRequest,
  deps: AuthDeps,
  expireToken = false,
): Principal | undefined | Promise<Principal> {
  // API keys are checked synchronously (no promise on the hot path); JWTs need `jose`.
  const apiKey = request.header('x-api-key');
  const authorization = request.header('authorization');
  if (apiKey !== undefined && apiKey !== '') {
    const key = apiKey.trim();
    const second = authorization ? BEARER.exec(authorization)?.[1] : undefined;
    if (second === undefined) return byApiKey(key, deps, request.connection);
    // Both headers ("Authentication"): generated clients fill every scheme an operation lists.
    if (second === key) return byToken(key, deps, expireToken);
    return byBoth(key, second, deps, expireToken);
  }
  if (authorization === undefined || authorization === '') return undefined;
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) throw new ApiError('missing_api_key', undefined, { headers: challenge() });
  return byToken(token, deps, expireToken, request.connection);
}

/** The API key a request presents (`X-API-Key`, or a Bearer value of the key's form), if any. */
export function presentedApiKey(request: StubRequest): string | undefined {
  const apiKey = request.header('x-api-key')?.trim();
  if (apiKey) return apiKey;
  const token = BEARER.exec(request.header('authorization') ?? '')?.[1];
  return token !== undefined && looksLikeApiKey(token) ? token : undefined;
}

/** A Bearer token: an API key by its form (`rg_live_…`), otherwise a JWT. */
function byToken(
  token: string,
  deps: AuthDeps,
  expireToken: boolean,
  connection?: object,
): Principal | Promise<Principal> {
  return looksLikeApiKey(token) ? byApiKey(token, deps, connection) : byJwt(token, deps, expireToken);
}

/**
 * `X-API-Key` and `Authorization: Bearer` with different values: each must be valid (else 401
 * naming the refused header) and both must identify the same principal — the same API key, or
 * the same user or OAuth client — else 401 `invalid_token`. The request then holds only the
 * scopes both credentials grant. (The same value in both headers is one credential.)
 */
async function byBoth(key: string, bearer: string, deps: AuthDeps, expireToken: boolean): Promise<Principal> {
  let fromKey: Principal;
  try {
    fromKey = byApiKey(key, deps);
  } catch (error) {
    throw refusedHeader('X-API-Key', error);
  }
  let fromBearer: Principal;
  try {
    fromBearer = await byToken(bearer, deps, expireToken);
  } catch (error) {
    throw refusedHeader('Authorization', error);
  }
  if (fromKey.type !== fromBearer.type || fromKey.id !== fromBearer.id) {
    throw new ApiError(
      'invalid_token',
      'Authorization refused: it names another credential than X-API-Key (send one credential, or the same one in both headers)',
      { headers: challenge('invalid_token') },
    );
  }
  return { ...fromBearer, scopes: intersect(fromKey.scopes, fromBearer.scopes) };
}

function refusedHeader(header: string, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  return new ApiError(error.code, `${header} refused: ${error.message}`, error.extra);
}

/** The scopes both sets grant (wildcards included: `read:*` ∩ `read:orders` = `read:orders`). */
function intersect(a: ReadonlySet<Scope>, b: ReadonlySet<Scope>): ReadonlySet<Scope> {
  const out = new Set<Scope>();
  for (const scope of a) if (grants(b, scope)) out.add(scope);
  for (const scope of b) if (grants(a, scope)) out.add(scope);
  return out;
}

function byApiKey(secret: string, deps: AuthDeps, connection?: object): Principal {
  const digest = digestOnConnection(secret, connection);
  const found = deps.apiKeys.authenticate(digest, Date.now());
  if (typeof found === 'string') {
    // `--admin-key` is tried only for a key the registry does not know: a partner's key pays for
    // one digest comparison, not two, and a key the registry holds always acts as itself.
    if (
      found === 'unknown' &&
      deps.adminKeyDigest !== null &&
      digestsEqual(digest.bytes, deps.adminKeyDigest)
    )
      return deps.adminPrincipal;
    throw new ApiError('invalid_api_key', undefined, { headers: challenge('invalid_token') });
  }
  let scopes = scopeSets.get(found.scopes);
  if (!scopes) {
    scopes = new Set(found.scopes);
    scopeSets.set(found.scopes, scopes);
  }
  let rateKey = rateKeys.get(found);
  if (rateKey === undefined) {
    rateKey = `key:${found.id}`;
    rateKeys.set(found, rateKey);
  }
  return {
    type: 'api_key',
    id: found.id,
    userId: found.ownerId,
    scopes,
    rateKey,
    keyPrefix: found.keyPrefix,
    accountId: found.accountId,
    mode: found.environment,
    limits: deps.limitsOf(found.accountId),
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
  if (await deps.denylist.isExpired(claims.jti)) throw refuse('Token expired');
  if (await deps.denylist.isRevoked(claims.jti)) throw refuse('Token revoked');
  if (claims.sid !== undefined && !(await deps.sessions.live(claims.sid))) throw refuse('Token revoked');
  if (expireToken) {
    await deps.denylist.expire(claims.jti, claims.exp);
    throw refuse('Token expired');
  }
  // A client-credentials token (no session) acts as its client's account owner; any other as its user.
  const asClient = claims.client_id !== undefined && claims.sid === undefined;
  const client = asClient ? deps.clientAccount(claims.client_id as string) : undefined;
  const accountId = asClient ? client?.accountId : deps.accountOfUser(claims.sub);
  if (accountId === undefined) throw refuse('Invalid token');
  const userId = client !== undefined ? client.ownerId : claims.sub;
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
    accountId,
    mode: claims.mode,
    limits: deps.limitsOf(accountId),
    ...(claims.sid !== undefined ? { sessionId: claims.sid } : {}),
  };
  return principal;
}
