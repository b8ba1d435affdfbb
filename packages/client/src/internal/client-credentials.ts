import type { TokenSet } from '../core/tokens.ts';
import type { TokenProvider } from './auth-provider.ts';
import type { Send } from './jwt-session.ts';
import { toForm } from './to-form.ts';
import { scheduleToken, TokenCycler, type TokenState } from './token-cycler.ts';
import { NO_AUTH } from './transport.ts';

interface OAuthTokenResponse {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
}

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): fetches an access token from
 * `POST /oauth/token`, caches it and renews it single-flight before it expires or after a 401.
 * The client authenticates in the body (`client_secret_post`).
 */
export class ClientCredentials implements TokenProvider {
  readonly kind = 'oauth' as const;
  readonly cycler: TokenCycler;
  readonly #send: Send;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #scope: string | undefined;
  readonly #onTokens: ((tokens: TokenSet) => void | Promise<void>) | undefined;

  constructor(
    send: Send,
    init: {
      clientId: string;
      clientSecret: string;
      scopes?: readonly string[] | string | undefined;
      onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
      onBackgroundError: (error: unknown) => void;
    },
  ) {
    this.#send = send;
    this.#clientId = init.clientId;
    this.#clientSecret = init.clientSecret;
    this.#scope = typeof init.scopes === 'string' ? init.scopes : init.scopes?.join(' ');
    this.#onTokens = init.onTokens;
    this.cycler = new TokenCycler(() => this.#acquire(), init.onBackgroundError);
  }

  peek(): string | undefined {
    return this.cycler.peek();
  }

  token(): Promise<string> {
    return this.cycler.token();
  }

  canRenew(): boolean {
    return true;
  }

  renew(used: string): Promise<string> {
    return this.cycler.renew(used);
  }

  secrets(): (string | undefined)[] {
    return [this.#clientSecret, this.cycler.state?.token];
  }

  async #acquire(): Promise<TokenState> {
    const form = toForm({
      grant_type: 'client_credentials',
      client_id: this.#clientId,
      client_secret: this.#clientSecret,
      scope: this.#scope || undefined,
    });
    const raw = await this.#send('POST', '/oauth/token', { body: form }, undefined, NO_AUTH);
    const body = raw.body as OAuthTokenResponse;
    const expiresAt = body.expires_in !== undefined ? Date.now() + body.expires_in * 1000 : undefined;
    const state = scheduleToken(body.access_token, expiresAt);
    await this.#onTokens?.({ accessToken: body.access_token, refreshToken: undefined, expiresAt });
    return state;
  }
}
