import type { Logger, LogLevel } from './logger.ts';
import type { ResponseValidator } from './response-validator.ts';
import type { Refresher, TokenSet } from './tokens.ts';

/** Backoff settings: the first retry waits up to `initialMs`, doubling per retry up to `maxMs`. */
export interface BackoffOptions {
  initialMs?: number | undefined;
  maxMs?: number | undefined;
}

/** Options of `new RegenClient(options)`. Give exactly one credential: an API key, tokens, or OAuth client credentials. */
export interface ClientOptions {
  /** API key (`rg_live_…` / `rg_test_…`); defaults to `REGEN_API_KEY` when no other credential is given. */
  apiKey?: string | undefined;
  /** How the API key travels: `X-API-Key` (default) or `Authorization: Bearer`. */
  authScheme?: 'x-api-key' | 'bearer' | undefined;
  /** JWT access token of a session to resume. */
  accessToken?: string | undefined;
  /** Refresh token of that session (single-use; every refresh rotates it). */
  refreshToken?: string | undefined;
  /** Receives every new token set (login, refresh, OAuth token), e.g. to persist the session. */
  onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
  /**
   * How to exchange the refresh token; default `POST /api/auth/refresh`. For tokens from the
   * OAuth authorization-code flow pass `oauthRefresher(…)` from `@regen/client/oauth`.
   */
  refresh?: Refresher | undefined;
  /** OAuth 2.0 client id (client credentials grant, RFC 6749 §4.4). */
  clientId?: string | undefined;
  /** OAuth 2.0 client secret. */
  clientSecret?: string | undefined;
  /** Scopes to request with client credentials (any accepted spelling). */
  scopes?: readonly string[] | string | undefined;
  /** API origin; defaults to `REGEN_BASE_URL`, then `https://gateway.regentherapy.com`. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Longest server-requested wait honoured, in ms (default 60 000); longer ones throw at once. */
  maxRetryAfter?: number | undefined;
  /**
   * Per-attempt timeout in ms, headers and body included. Default: none of our own, the runtime's
   * (Node's fetch gives up after 300 s without headers or between body chunks); an abort signal
   * costs every request measurable time in undici, so it is added only when a timeout is set.
   */
  timeout?: number | undefined;
  /** Backoff between retries when the server does not say how long to wait. */
  backoff?: BackoffOptions | undefined;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
  /** Where log lines go (default `console`). Credentials are always redacted. */
  logger?: Logger | undefined;
  /** Default `REGEN_LOG`, then `warn`. `debug` logs every request with credentials redacted. */
  logLevel?: LogLevel | undefined;
  /** Allow an API key or client secret in a browser, where any visitor can read it. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Allow credentials over plain `http://` to a non-loopback host. */
  allowInsecureHttp?: boolean | undefined;
  /** Response validation hook; see `@regen/client/validation`. */
  validate?: ResponseValidator | undefined;
}
