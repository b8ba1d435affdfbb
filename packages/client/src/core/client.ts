import { redactSecrets } from '@regen/contract/http';
import { RegenError } from '../errors/RegenError.ts';
import { RegenNamespaces } from '../generated/client-namespaces.ts';
import { type ClientPaths, cursorParamFor, flagsFor } from '../generated/operations.ts';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../internal/base-url.ts';
import { chooseCredential } from '../internal/credentials/choose-credential.ts';
import type { Credential } from '../internal/credentials/credential.ts';
import { readEnv } from '../internal/env.ts';
import { INSPECT } from '../internal/inspect.ts';
import type { JwtSession } from '../internal/jwt-session.ts';
import { LEVELS, parseLogLevel } from '../internal/logger.ts';
import { parseRateLimit } from '../internal/rate-limit.ts';
import { fetchTransport } from '../internal/transport/fetch-transport.ts';
import { type CallInit, Transport } from '../internal/transport.ts';
import { APIPromise, unwrapData, wholeBody } from './api-promise.ts';
import type { CallInitOf, ClientOp } from './client-core.ts';
import type { ClientOptions, LoginOptions } from './client-options.ts';
import type { TransportResponse } from './http-transport.ts';
import { type ListEnvelope, Page, PagePromise } from './pagination.ts';
import type { RateLimit } from './rate-limit.ts';
import type { RequestOptions } from './request-options.ts';
import type { DataOf, HttpMethod, InitArgs, ItemOf, PathsWithMethod, SuccessBodyOf } from './typed-paths.ts';

/** Marks the options of `RegenClient.login()`: a session that the login call fills. */
const SESSION = Symbol('session');

// `ClientPaths` is generated from the contract model's unexposed operations. `/oauth/authorize` is
// one: a browser page (HTML consent or a 302 redirect), never JSON, so a call could read neither;
// `@regen/client/oauth` builds its URL (`buildAuthorizeUrl`) and reads the redirect (`parseCallback`).
export type { ClientPaths };

type Op<P, M extends HttpMethod> = ClientOp<P, M>;

/**
 * The Regen API client.
 *
 * ```ts
 * const regen = new RegenClient(process.env.REGEN_API_KEY);
 * const order = await regen.orders.retrieve('ord_123');
 * ```
 */
export class RegenClient extends RegenNamespaces {
  // The namespaces (`orders`, `apiKeys`, …) and `health()` are generated from the contract: RegenNamespaces.
  /** API origin, without a trailing slash. */
  readonly baseUrl: string;
  /** Retries after the first attempt of a retryable call (default 2). */
  readonly maxRetries: number;
  /** Per-attempt timeout in ms; undefined leaves it to the runtime (Node's fetch: 300 s for headers, 300 s between body chunks). */
  readonly timeout: number | undefined;
  /** Longest `Retry-After` wait honoured, in ms (default 60 000); a longer one throws instead of waiting. */
  readonly maxRetryAfter: number;
  readonly #transport: Transport;
  readonly #credential: Credential;
  readonly #session: JwtSession | undefined;
  readonly #transient = new Set<string>();
  #rateLimit: RateLimit | undefined;
  #rateLimitFrom: TransportResponse | undefined;

  constructor(apiKeyOrOptions?: string | ClientOptions) {
    super();
    const o: ClientOptions & { [SESSION]?: true } =
      typeof apiKeyOrOptions === 'string' ? { apiKey: apiKeyOrOptions } : (apiKeyOrOptions ?? {});
    const logger = o.logger ?? console;
    const logLevel = LEVELS[o.logLevel ?? parseLogLevel(readEnv('REGEN_LOG'), 'warn')];
    const secrets = () => [...this.#credential.secrets(), ...this.#transient];
    // The credential is chosen once, here; token refreshes reach the transport built below through
    // `send`, which looks it up only when a refresh runs.
    const { credential, anonymous, session } = chooseCredential(o, {
      keyGiven: typeof apiKeyOrOptions === 'string',
      loginSession: o[SESSION] === true,
      send: (method, path, init, options, flags) =>
        this.#transport.request(method, path, init, options, flags),
      onBackgroundError: (error) => {
        if (logLevel > LEVELS.warn) return;
        const message = `Background token refresh failed: ${String((error as Error)?.message ?? error)}`;
        logger.warn(redactSecrets(message, secrets()));
      },
    });
    this.#credential = credential;
    this.#session = session;

    const baseUrl = checkBaseUrl(
      o.baseUrl ?? readEnv('REGEN_BASE_URL') ?? DEFAULT_BASE_URL,
      o.allowInsecureHttp,
    );
    this.baseUrl = baseUrl;
    this.maxRetries = o.maxRetries ?? 2;
    this.timeout = o.timeout;
    this.maxRetryAfter = o.maxRetryAfter ?? 60_000;
    this.#transport = new Transport({
      baseUrl,
      transport: o.transport ?? fetchTransport(o.fetch ?? globalThis.fetch),
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      maxRetryAfter: this.maxRetryAfter,
      backoff: { initialMs: o.backoff?.initialMs ?? 500, maxMs: o.backoff?.maxMs ?? 8_000 },
      logger,
      logLevel,
      credential,
      anonymous,
      secrets,
      validate: o.validate,
    });
  }

  /**
   * Logs in with email and password (`POST /api/auth/login`, the contract's "Authentication"
   * section) and returns a client holding the session's access and refresh tokens; pass
   * `onTokens` to persist them.
   */
  static async login(options: LoginOptions): Promise<RegenClient> {
    const { email, password, mode, ...rest } = options;
    const client = new RegenClient({ ...rest, [SESSION]: true } as ClientOptions);
    await client.auth.login(mode === undefined ? { email, password } : { email, password, mode });
    return client;
  }

  /** The last rate-limit window the API reported, or undefined before the first response. */
  get rateLimit(): RateLimit | undefined {
    const last = this.#transport.lastAnswer;
    if (last !== undefined && last !== this.#rateLimitFrom) {
      this.#rateLimitFrom = last;
      this.#rateLimit = parseRateLimit({ get: (name) => last.header(name) }) ?? this.#rateLimit;
    }
    return this.#rateLimit;
  }

  /** Revokes the session (`POST /api/auth/logout`) and forgets its tokens. JWT sessions only. */
  async logout(options?: RequestOptions): Promise<void> {
    if (!this.#session)
      throw new RegenError('logout() needs a JWT session (RegenClient.login or accessToken).');
    await this.#session.logout(options);
  }

  /**
   * Typed `GET` of any contract path; resolves to the whole JSON body (envelope included).
   * `/oauth/authorize` is not one (a browser page): use `buildAuthorizeUrl` and `parseCallback`
   * of `@regen/client/oauth`.
   */
  GET<P extends PathsWithMethod<ClientPaths, 'get'>>(
    path: P,
    ...init: InitArgs<Op<P, 'get'>>
  ): APIPromise<SuccessBodyOf<Op<P, 'get'>>> {
    return this.#raw('GET', path, init[0]);
  }

  /** Typed `POST` of any contract path; creating POSTs get an `Idempotency-Key`. */
  POST<P extends PathsWithMethod<ClientPaths, 'post'>>(
    path: P,
    ...init: InitArgs<Op<P, 'post'>>
  ): APIPromise<SuccessBodyOf<Op<P, 'post'>>> {
    return this.#raw('POST', path, init[0]);
  }

  /** Typed `PUT` of any contract path. */
  PUT<P extends PathsWithMethod<ClientPaths, 'put'>>(
    path: P,
    ...init: InitArgs<Op<P, 'put'>>
  ): APIPromise<SuccessBodyOf<Op<P, 'put'>>> {
    return this.#raw('PUT', path, init[0]);
  }

  /** Typed `PATCH` of any contract path. */
  PATCH<P extends PathsWithMethod<ClientPaths, 'patch'>>(
    path: P,
    ...init: InitArgs<Op<P, 'patch'>>
  ): APIPromise<SuccessBodyOf<Op<P, 'patch'>>> {
    return this.#raw('PATCH', path, init[0]);
  }

  /** Typed `DELETE` of any contract path. */
  DELETE<P extends PathsWithMethod<ClientPaths, 'delete'>>(
    path: P,
    ...init: InitArgs<Op<P, 'delete'>>
  ): APIPromise<SuccessBodyOf<Op<P, 'delete'>>> {
    return this.#raw('DELETE', path, init[0]);
  }

  #raw(method: string, path: string, init: (CallInit & RequestOptions) | undefined): APIPromise<never> {
    return new APIPromise(
      this.#transport.request(method, path, init, init, flagsFor(method, path)),
      wholeBody,
    );
  }

  /** @internal A typed call resolving to the envelope's `data` (used by the resource namespaces). */
  _call<M extends HttpMethod, P extends PathsWithMethod<ClientPaths, M>>(
    method: M,
    path: P,
    init: CallInitOf<Op<P, M>>,
    options: RequestOptions | undefined,
  ): APIPromise<DataOf<Op<P, M>>> {
    const m = method.toUpperCase();
    return new APIPromise(
      this.#transport.request(m, path, init as CallInit, options, flagsFor(m, path)),
      unwrapData,
    );
  }

  /** @internal Like `_call`, resolving to the whole body (OAuth endpoints answer without an envelope). */
  _callBody<M extends HttpMethod, P extends PathsWithMethod<ClientPaths, M>>(
    method: M,
    path: P,
    init: CallInitOf<Op<P, M>>,
    options: RequestOptions | undefined,
  ): APIPromise<SuccessBodyOf<Op<P, M>>> {
    const m = method.toUpperCase();
    return new APIPromise(
      this.#transport.request(m, path, init as CallInit, options, flagsFor(m, path)),
      wholeBody,
    );
  }

  /** @internal A typed list call: the first page, async-iterable over all items. */
  _list<P extends PathsWithMethod<ClientPaths, 'get'>>(
    path: P,
    init: CallInitOf<Op<P, 'get'>>,
    options: RequestOptions | undefined,
  ): PagePromise<ItemOf<Op<P, 'get'>>> {
    type Item = ItemOf<Op<P, 'get'>>;
    const base = init as CallInit;
    const cursorParam = cursorParamFor('GET', path);
    const next = (cursor: string): PagePromise<Item> => {
      if (cursorParam === undefined)
        throw new RegenError(`GET ${path} takes no cursor parameter: the contract gives it one page.`);
      return this._list(
        path,
        {
          ...base,
          params: { ...base.params, query: { ...base.params?.query, [cursorParam]: cursor } },
        } as never,
        options,
      );
    };
    return new PagePromise<Item>(
      this.#transport.request('GET', path, base, options, flagsFor('GET', path)),
      (raw) => new Page(raw.body as ListEnvelope<Item>, next),
    );
  }

  /** @internal The JWT session, if this client has one. */
  get _session(): JwtSession | undefined {
    return this.#session;
  }

  /** @internal Treat `secret` as a credential in logs and errors for the duration of `fn`. */
  async _withSecret<T>(secret: string, fn: () => Promise<T>): Promise<T> {
    this.#transient.add(secret);
    try {
      return await fn();
    } finally {
      this.#transient.delete(secret);
    }
  }

  /** What `JSON.stringify(client)` shows: configuration, never credentials. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      auth: this.#credential.kind,
      maxRetries: this.maxRetries,
      timeout: this.timeout,
      maxRetryAfter: this.maxRetryAfter,
    };
  }

  /** @internal Node's `util.inspect` hook: the settings of {@link toJSON}, never the credential. */
  [INSPECT](): string {
    const j = this.toJSON();
    return `RegenClient { baseUrl: '${j.baseUrl}', auth: '${j.auth}', maxRetries: ${j.maxRetries}, timeout: ${j.timeout} }`;
  }
}
