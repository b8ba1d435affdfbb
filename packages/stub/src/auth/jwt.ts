import { randomBytes } from 'node:crypto';
import type { Mode } from '@regen/contract';

/** Claims of an access token issued by the stub. */
export interface AccessClaims {
  /** User id (`usr_…`) or OAuth client id. */
  readonly sub: string;
  /** Space-delimited canonical scopes granted to this token. */
  readonly scope: string;
  /** Refresh-token family (session) the token belongs to; revoked with it. */
  readonly sid?: string;
  /** OAuth client the token was issued to. */
  readonly client_id?: string;
  /** The mode the token acts in. */
  readonly mode: Mode;
  readonly jti: string;
  readonly exp: number;
}

/** Claims of a refresh token (`/api/auth/*`). */
export interface RefreshClaims {
  readonly sub: string;
  readonly sid: string;
  readonly jti: string;
  readonly exp: number;
}

/** Settings of the token service. */
export interface JwtSettings {
  readonly secret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
}

/** Why a token was refused; the message is safe to show (it never includes the token). */
export class TokenError extends Error {
  override readonly name = 'TokenError';
}

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;

/**
 * Loads `jose` on first use: API-key requests never need it, and importing it costs about
 * 40 ms of start-up time. {@link preloadJose} warms it once the server listens.
 */
export function preloadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}

/**
 * Clock skew tolerated on `iat` and `nbf` (seconds): a token issued or valid slightly in the
 * future (another host's clock) passes, one dated beyond it is refused ("Security": JWTs).
 * `exp` gets no leeway: a token is expired the second its lifetime ends.
 */
export const CLOCK_SKEW_S = 30;

const ACCESS_TYP = 'at+jwt';
const REFRESH_TYP = 'rt+jwt';

/** A short random token id (`jti`, RFC 7519 §4.1.7). */
export function newJti(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Issues and verifies HS256 JWTs with `jose` (RFC 7519). Access and refresh tokens carry
 * different `typ` headers (RFC 9068 style) so one cannot be used as the other.
 */
export class JwtService {
  constructor(readonly settings: JwtSettings) {}

  /** Signs an access token; returns it with its lifetime in seconds. */
  async signAccess(claims: Omit<AccessClaims, 'jti' | 'exp'>): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = Math.max(1, Math.round(this.settings.accessTtlMs / 1000));
    const payload: Record<string, string> = { scope: claims.scope, mode: claims.mode };
    if (claims.sid !== undefined) payload.sid = claims.sid;
    if (claims.client_id !== undefined) payload.client_id = claims.client_id;
    const token = await this.sign(payload, ACCESS_TYP, claims.sub, newJti(), this.settings.accessTtlMs);
    return { token, expiresIn };
  }

  /** Signs a refresh token of session `sid`. */
  signRefresh(sub: string, sid: string, jti: string): Promise<string> {
    return this.sign({ sid }, REFRESH_TYP, sub, jti, this.settings.refreshTtlMs);
  }

  /** Verifies an access token: HS256 only (so `alg: none` fails), issuer, audience, expiry. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    const payload = await this.verify(token, ACCESS_TYP);
    if (typeof payload.scope !== 'string') throw new TokenError('Invalid token');
    // Tokens signed before modes existed carry none: they act in live mode, as everything did.
    if (payload.mode === undefined) return { ...payload, mode: 'live' } as unknown as AccessClaims;
    if (payload.mode !== 'test' && payload.mode !== 'live') throw new TokenError('Invalid token');
    return payload as unknown as AccessClaims;
  }

  /** Verifies a refresh token the same way. */
  async verifyRefresh(token: string): Promise<RefreshClaims> {
    const payload = await this.verify(token, REFRESH_TYP);
    if (typeof payload.sid !== 'string') throw new TokenError('Invalid token');
    return payload as unknown as RefreshClaims;
  }

  private async sign(
    payload: Record<string, string>,
    typ: string,
    sub: string,
    jti: string,
    ttlMs: number,
  ): Promise<string> {
    const { SignJWT } = await preloadJose();
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ })
      .setSubject(sub)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + Math.max(1, Math.round(ttlMs / 1000)))
      .setJti(jti)
      .sign(this.settings.secret);
  }

  /**
   * RFC 8725: the algorithm is pinned (HS256 only, so `none` and RS/HS confusion fail), `typ`
   * is checked (access and refresh tokens cannot stand for each other), issuer and audience
   * must match, `sub`, `jti`, `iat` and `exp` are required, `iat` and `nbf` may be at most
   * {@link CLOCK_SKEW_S} in the future, and `exp` is strict.
   */
  private async verify(token: string, typ: string): Promise<Record<string, unknown>> {
    const { errors, jwtVerify } = await preloadJose();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.settings.secret, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        // Applies to nbf (and exp, which is checked strictly below).
        clockTolerance: CLOCK_SKEW_S,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('Token expired');
      throw new TokenError('Invalid token');
    }
    const now = Math.floor(Date.now() / 1000);
    if ((payload.exp as number) <= now) throw new TokenError('Token expired');
    if ((payload.iat as number) > now + CLOCK_SKEW_S) throw new TokenError('Token issued in the future');
    return payload;
  }
}
