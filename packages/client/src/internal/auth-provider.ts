/** What a `BearerToken` credential needs from its token source (JWT session, OAuth client credentials). */
export interface TokenProvider {
  readonly kind: 'jwt' | 'oauth';
  /** The current token if it is fresh enough to send now (no await on the hot path). */
  peek(): string | undefined;
  /** A usable token, refreshing first (single-flight) when needed. */
  token(): Promise<string>;
  /** Whether a 401 is worth a refresh-and-replay (false for a session without a refresh token). */
  canRenew(): boolean;
  /** Called after a 401 answered to `used`: a token to replay with (refreshed at most once). */
  renew(used: string): Promise<string>;
  /** Every secret it holds, for redaction. */
  secrets(): (string | undefined)[];
}
