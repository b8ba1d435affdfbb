import type { RequestOptions } from '../core/request-options.ts';
import type { Refresher, TokenPair, TokenSet } from '../core/tokens.ts';
import { AuthenticationError } from '../errors/AuthenticationError.ts';
import type { TokenProvider } from './auth-provider.ts';
import { jwtExpiryMs } from './jwt.ts';
import { scheduleToken, TokenCycler } from './token-cycler.ts';
import { type CallInit, NO_AUTH, type RawResponse } from './transport.ts';

export type Send = (
  method: string,
  path: string,
  init: CallInit | undefined,
  options: RequestOptions | undefined,
  flags: number,
) => Promise<RawResponse>;

/**
 * A user session (the contract's JWT `BearerAuth`, `/api/auth/*`): sends the access token as Bearer, refreshes it proactively and
 * after a 401 via `POST /api/auth/refresh` (single-flight; refresh tokens are single-use), and
 * reports every new pair to `onTokens`.
 */
export class JwtSession implements TokenProvider {
  readonly kind = 'jwt' as const;
  readonly cycler: TokenCycler;
  #refreshToken: string | undefined;
  #loggedOut = false;
  readonly #send: Send;
  readonly #onTokens: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  readonly #refresher: Refresher | undefined;

  constructor(
    send: Send,
    init: {
      accessToken?: string | undefined;
      refreshToken?: string | undefined;
      onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
      refresh?: Refresher | undefined;
      onBackgroundError: (error: unknown) => void;
    },
  ) {
    this.#send = send;
    this.#refresher = init.refresh;
    this.#refreshToken = init.refreshToken;
    this.#onTokens = init.onTokens;
    this.cycler = new TokenCycler(() => this.#acquire(), init.onBackgroundError);
    if (init.accessToken) this.cycler.state = scheduleToken(init.accessToken, jwtExpiryMs(init.accessToken));
  }

  peek(): string | undefined {
    return this.cycler.peek();
  }

  token(): Promise<string> {
    return this.cycler.token();
  }

  canRenew(): boolean {
    return this.#refreshToken !== undefined;
  }

  renew(used: string): Promise<string> {
    return this.cycler.renew(used);
  }

  secrets(): (string | undefined)[] {
    return [this.cycler.state?.token, this.#refreshToken];
  }

  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }

  /** Installs a token pair from login / refresh / code exchange and tells `onTokens`. */
  async accept(pair: TokenPair): Promise<void> {
    const expiresAt =
      pair.expiresIn !== undefined ? Date.now() + pair.expiresIn * 1000 : jwtExpiryMs(pair.accessToken);
    this.cycler.state = scheduleToken(pair.accessToken, expiresAt);
    if (pair.refreshToken !== undefined) this.#refreshToken = pair.refreshToken;
    this.#loggedOut = false;
    await this.#onTokens?.({ accessToken: pair.accessToken, refreshToken: this.#refreshToken, expiresAt });
  }

  async #acquire() {
    const refreshToken = this.#refreshToken;
    if (refreshToken === undefined) {
      throw new AuthenticationError({
        message: this.#loggedOut
          ? 'Logged out: log in again to make further calls.'
          : 'The access token expired and no refresh token is available: log in again.',
      });
    }
    if (this.#refresher) {
      await this.accept(await this.#refresher(refreshToken));
    } else {
      const raw = await this.#send(
        'POST',
        '/api/auth/refresh',
        { body: { refreshToken } },
        undefined,
        NO_AUTH,
      );
      await this.accept((raw.body as { data: TokenPair }).data);
    }
    return this.cycler.state as NonNullable<typeof this.cycler.state>;
  }

  /** Revokes the session server-side (`POST /api/auth/logout`) and forgets both tokens. */
  async logout(options?: RequestOptions): Promise<void> {
    const refreshToken = this.#refreshToken;
    try {
      if (this.cycler.state !== undefined || refreshToken !== undefined) {
        await this.#send(
          'POST',
          '/api/auth/logout',
          { body: refreshToken ? { refreshToken } : {} },
          options,
          0,
        );
      }
    } finally {
      this.cycler.state = undefined;
      this.#refreshToken = undefined;
      this.#loggedOut = true;
    }
  }
}
