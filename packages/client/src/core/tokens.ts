/** Tokens handed to `onTokens` after login and every refresh, for the caller to persist. */
export interface TokenSet {
  /** The access token sent as `Authorization: Bearer …`. */
  accessToken: string;
  /** The refresh token (single-use), when the session has one. */
  refreshToken: string | undefined;
  /** Access-token expiry, epoch ms (from `expiresIn` or the JWT `exp` claim). */
  expiresAt: number | undefined;
}

/** A new access token (and usually a rotated refresh token) from a refresh. */
export interface TokenPair {
  /** The new access token. */
  accessToken: string;
  /** The new refresh token (the one sent is spent), if the server issued one. */
  refreshToken?: string | undefined;
  /** Lifetime of the access token in seconds (`expires_in`). */
  expiresIn?: number | undefined;
}

/** Exchanges a refresh token for new tokens; the default posts to `/api/auth/refresh`. */
export type Refresher = (refreshToken: string) => Promise<TokenPair>;
