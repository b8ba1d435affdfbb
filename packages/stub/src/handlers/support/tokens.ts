import type { RefreshSession } from '../../auth/refresh-sessions.ts';
import type { Services } from '../services.ts';

/** A login token pair (`TokenPair` of the contract). */
export interface LoginPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** Signs the access and refresh tokens of a session whose current refresh token is `tokenId`; `scope` may narrow the access token. */
export async function issuePair(
  services: Services,
  session: RefreshSession,
  tokenId: string,
  scope = session.scope,
): Promise<LoginPair> {
  const [access, refreshToken] = await Promise.all([
    services.jwt.signAccess({
      sub: session.userId,
      scope,
      sid: session.id,
      mode: session.mode,
      ...(session.clientId !== null ? { client_id: session.clientId } : {}),
    }),
    services.jwt.signRefresh(session.userId, session.id, tokenId),
  ]);
  return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
}
