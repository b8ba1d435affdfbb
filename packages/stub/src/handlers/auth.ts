import { scopesOfRole } from '@regen/contract/scopes';
import { TokenError } from '../auth/jwt.ts';
import { verifyPassword } from '../auth/password.ts';
import { ApiError } from '../http/api-error.ts';
import { NO_STORE, ok } from './support/envelope.ts';
import { issuePair } from './support/tokens.ts';
import type { Handlers } from './types.ts';

export const authHandlers = {
  login: async ({ body, request, services }) => {
    // One failure budget per address and per account, shared with /oauth/token and the consent form
    // (the contract's "Failed-authentication budget"); a success makes this address known to the account.
    const attempt = await services.authFailures.beginOrThrow(request.remoteAddress, body.email);
    await services.passwordsReady;
    const user = services.tenancy.userByEmail(body.email);
    // Always run the slow hash, so a wrong email takes as long as a wrong password.
    const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) throw new ApiError('invalid_credentials', 'Invalid email or password');
    await attempt.succeeded();
    // The session acts in the mode chosen here, for its whole life (refresh keeps it).
    const session = await services.sessions.open(
      user.id,
      null,
      scopesOfRole(user.role).join(' '),
      services.settings.refreshTtlMs,
      body.mode ?? 'live',
    );
    const pair = await issuePair(services, session, session.currentTokenId);
    return {
      status: 200,
      body: ok({ ...pair, user: { id: user.id, email: user.email, role: user.role } }),
      headers: NO_STORE,
    };
  },

  refreshToken: async ({ body, services }) => {
    const refuse = (message: string) => new ApiError('invalid_token', message);
    let claims: Awaited<ReturnType<typeof services.jwt.verifyRefresh>>;
    try {
      claims = await services.jwt.verifyRefresh(body.refreshToken);
    } catch (error) {
      throw refuse(
        error instanceof TokenError ? `Refresh token invalid: ${error.message}` : 'Refresh token invalid',
      );
    }
    const session = await services.sessions.live(claims.sid);
    if (session && session.clientId !== null)
      throw refuse('Refresh token belongs to an OAuth client; use /oauth/token');
    try {
      const pair = await services.sessions.rotate(claims.sid, claims.jti, (s, next) =>
        issuePair(services, s, next),
      );
      return { status: 200, body: ok(pair), headers: NO_STORE };
    } catch (error) {
      if (error instanceof TokenError) throw refuse(error.message);
      throw error;
    }
  },

  logout: async ({ body, principal, services }) => {
    if (principal?.sessionId === undefined)
      throw new ApiError('invalid_token', 'logout needs a JWT access token');
    await services.sessions.revoke(principal.sessionId);
    if (body?.refreshToken !== undefined) {
      try {
        const claims = await services.jwt.verifyRefresh(body.refreshToken);
        if (claims.sub === principal.userId) await services.sessions.revoke(claims.sid);
      } catch {
        // An invalid or expired refresh token is already unusable: logging out still succeeds.
      }
    }
    return { status: 200, body: ok({ revoked: true as const }) };
  },
} satisfies Pick<Handlers, 'login' | 'refreshToken' | 'logout'>;

// A valid scrypt hash of a random password: verifying against it costs the same as a real one.
const DUMMY_HASH = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
