/** Tokens handed to `onTokens` after login and every refresh, for the caller to persist. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | undefined;
  /** Access-token expiry, epoch ms (from `expiresIn` or the JWT `exp` claim). */
  expiresAt: number | undefined;
}

/** A new access token (and usually a rotated refresh token) from a refresh. */
export interface TokenPair {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresIn?: number | undefined;
}

/** Exchanges a refresh token for new tokens; the default posts to `/api/auth/refresh`. */
export type Refresher = (refreshToken: string) => Promise<TokenPair>;
