import type { Mode } from '@regen/contract';
import type { HttpTransport } from './http-transport.ts';
import type { Logger, LogLevel } from './logger.ts';
import type { ResponseValidator } from './response-validator.ts';
import type { Refresher, TokenSet } from './tokens.ts';

/** Backoff settings: the first retry waits up to `initialMs`, doubling per retry up to `maxMs`. */
export interface BackoffOptions {
  /** Upper bound of the first retry's wait, in ms (full jitter). */
  initialMs?: number | undefined;
  /** Cap of any backoff wait, in ms. */
  maxMs?: number | undefined;
}

/** Settings every client takes, whatever its credential. */
export interface CommonClientOptions {
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
  /** A `fetch` implementation (default: the global one); not used when `transport` is given. */
  fetch?: typeof fetch | undefined;
  /**
   * What sends each attempt; default `fetch`. On Node, `undiciTransport()` of `@regen/client/node`
   * sends through undici's connection pool directly, at about half the cost per call.
   */
  transport?: HttpTransport | undefined;
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

/** An API key; without one (and without another credential) `REGEN_API_KEY` is read. */
export interface ApiKeyCredential {
  /** API key (`rg_live_…` / `rg_test_…`); defaults to `REGEN_API_KEY` when no other credential is given. */
  apiKey?: string | undefined;
  /** How the API key travels: `X-API-Key` (default) or `Authorization: Bearer`. */
  authScheme?: 'x-api-key' | 'bearer' | undefined;
}

/** A JWT session to resume (the contract's "Authentication" section: login, refresh, logout). */
export interface SessionCredential {
  /** JWT access token of a session to resume. */
  accessToken?: string | undefined;
  /** Refresh token of that session (single-use; every refresh rotates it). */
  refreshToken?: string | undefined;
  /**
   * How to exchange the refresh token; default `POST /api/auth/refresh`. For tokens from the
   * OAuth authorization-code flow pass `oauthRefresher(…)` from `@regen/client/oauth`.
   */
  refresh?: Refresher | undefined;
  /** Receives every new token set (login, refresh), e.g. to persist the session. */
  onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
}

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4): the client fetches and renews its own token. */
export interface ClientCredentialsGrant {
  /** OAuth 2.0 client id. */
  clientId: string;
  /** OAuth 2.0 client secret. */
  clientSecret: string;
  /** Scopes to request (any accepted spelling). */
  scopes?: readonly string[] | string | undefined;
  /** Receives every new token, e.g. to share it between processes. */
  onTokens?: ((tokens: TokenSet) => void | Promise<void>) | undefined;
}

type CredentialKey = keyof ApiKeyCredential | keyof SessionCredential | keyof ClientCredentialsGrant;
/** One kind of credential, with every other kind's fields ruled out (`undefined` is still allowed). */
type Only<C> = C & { [K in Exclude<CredentialKey, keyof C>]?: undefined };

/**
 * Options of `new RegenClient(options)`: the common settings and exactly one kind of credential,
 * an API key, a JWT session, or OAuth client credentials. Fields of two kinds together
 * (`{ apiKey, accessToken }`, `{ apiKey, clientSecret }`) do not compile; a JavaScript caller
 * who passes them anyway gets a `RegenError` at construction.
 */
export type ClientOptions = CommonClientOptions &
  (Only<ApiKeyCredential> | Only<SessionCredential> | Only<ClientCredentialsGrant>);

/** Options of `RegenClient.login()`: the common settings, plus what a session takes besides its tokens. */
export type LoginOptions = CommonClientOptions & {
  /** The user's email. */
  email: string;
  /** The user's password (sent once, to `/api/auth/login`; never stored). */
  password: string;
  /**
   * The data the session acts on: `'live'` (the default) or `'test'` (the contract's "Accounts and
   * modes"). Fixed for the session's life; refreshing keeps it.
   */
  mode?: Mode;
} & Pick<SessionCredential, 'onTokens' | 'refresh'>;
