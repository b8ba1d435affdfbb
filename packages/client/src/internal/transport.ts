import type { Logger } from '../core/logger.ts';
import type { RequestOptions } from '../core/request-options.ts';
import type { ResponseValidator } from '../core/response-validator.ts';
import { APIConnectionError } from '../errors/APIConnectionError.ts';
import { APIConnectionTimeoutError } from '../errors/APIConnectionTimeoutError.ts';
import type { APIError } from '../errors/APIError.ts';
import { APIUserAbortError } from '../errors/APIUserAbortError.ts';
import type { TokenProvider } from './auth-provider.ts';
import { backoffDelayMs } from './backoff.ts';
import { INSPECT } from './inspect.ts';
import { LEVELS } from './logger.ts';
import { makeAPIError } from './make-api-error.ts';
import { redactHeaders, redactSecrets } from './redact.ts';
import { serverRetryDelayMs } from './retry-after.ts';
import { sleep, withAbort } from './sleep.ts';
import { appendQuery, fillPath } from './url.ts';

/** Flag: a creating POST that carries an `Idempotency-Key`. */
export const IDEMPOTENT = 1;
/** Flag: send no credential (login, token endpoints). */
export const NO_AUTH = 2;
/** Flag: send the credential if there is one, else go without (health). */
export const OPTIONAL_AUTH = 4;

/** What a low-level call passes: openapi-fetch style `params` and `body`. */
export interface CallInit {
  params?:
    | {
        path?: Record<string, unknown> | undefined;
        query?: Record<string, unknown> | undefined;
        header?: Record<string, unknown> | undefined;
      }
    | undefined;
  body?: unknown;
}

/** A parsed 2xx response. */
export interface RawResponse {
  body: unknown;
  response: Response;
}

export interface TransportConfig {
  baseUrl: string;
  fetch: typeof fetch;
  headers: Record<string, string>;
  maxRetries: number;
  timeout: number | undefined;
  maxRetryAfter: number;
  backoff: { initialMs: number; maxMs: number };
  logger: Logger;
  logLevel: number;
  auth: TokenProvider | undefined;
  secrets: () => (string | undefined)[];
  validate: ResponseValidator | undefined;
}

const TIMER_MAX = 2_147_483_647;
const abortOnTimeout = (c: AbortController) => c.abort();

function isStream(body: unknown): boolean {
  return (
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) ||
    (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  );
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  );
}

/** Whether a failed status is worth another attempt (x-should-retry, when sent, decides). */
function isRetryable(status: number, error: APIError, headers: Headers): boolean {
  const hint = headers.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  // 409 `idempotency_key_in_use` clears once the first request finishes; a plain `conflict`
  // (cancelling a cancelled order) never will, so retrying it only burns the budget.
  if (status === 409) return error.code !== 'conflict';
  return status === 408 || status === 429 || status >= 500;
}

/** The request pipeline: URL, headers, credential, attempts, timeouts, retries, error mapping. */
export class Transport {
  readonly config: TransportConfig;
  /** The last response received; its rate-limit headers are parsed only when asked for. */
  lastResponse: Response | undefined;
  #tokenHeaders: Record<string, string> | undefined;
  #tokenFor: string | undefined;

  constructor(config: TransportConfig) {
    this.config = config;
  }

  redact = (text: string): string => redactSecrets(text, this.config.secrets());

  /** Base headers plus `Authorization` for `token`, cached while the token stays the same. */
  #headersForToken(token: string): Record<string, string> {
    if (this.#tokenFor !== token || !this.#tokenHeaders) {
      this.#tokenHeaders = { ...this.config.headers, authorization: `Bearer ${token}` };
      this.#tokenFor = token;
    }
    return this.#tokenHeaders;
  }

  async request(
    method: string,
    path: string,
    init: CallInit | undefined,
    options: RequestOptions | undefined,
    flags: number,
  ): Promise<RawResponse> {
    const cfg = this.config;
    const params = init?.params;
    let url = cfg.baseUrl + fillPath(path, params?.path);
    if (params?.query) url = appendQuery(url, params.query);

    // Extra headers for this call; most GETs have none and share the prebuilt object.
    let extra: Record<string, string> | undefined;
    let body: BodyInit | undefined;
    let streamed = false;
    const payload = init?.body;
    if (payload !== undefined) {
      if (isStream(payload)) {
        body = payload as BodyInit;
        streamed = true;
      } else if (isRawBody(payload)) {
        body = payload;
      } else {
        body = JSON.stringify(payload);
        extra = { 'content-type': 'application/json' };
      }
    }
    if (params?.header) extra = mergeHeaders(extra, params.header);
    if (options?.headers) extra = mergeHeaders(extra, options.headers);
    if (options?.idempotencyKey !== undefined || (flags & IDEMPOTENT && method === 'POST')) {
      extra ??= {};
      extra['idempotency-key'] = options?.idempotencyKey ?? extra['idempotency-key'] ?? crypto.randomUUID();
    }

    const auth = flags & NO_AUTH ? undefined : cfg.auth;
    const signal = options?.signal;
    const timeout = options?.timeout ?? cfg.timeout;
    // A stream can be read once: it is never retried nor replayed.
    const maxRetries = streamed ? 0 : (options?.maxRetries ?? cfg.maxRetries);
    let replayed = streamed;
    const fetchImpl = cfg.fetch;
    const debug = cfg.logLevel <= LEVELS.debug;

    for (let retry = 0; ; ) {
      if (signal?.aborted) throw new APIUserAbortError();
      let headers = cfg.headers;
      let token: string | undefined;
      if (auth) {
        token = auth.peek() ?? (await this.#token(auth, signal, flags));
        headers = token === undefined ? headers : this.#headersForToken(token);
      } else if (flags & NO_AUTH) {
        headers = withoutCredentials(headers);
      }
      if (extra) {
        headers = { ...headers, ...extra };
        for (const k in headers) if (headers[k] === DELETE) delete headers[k];
      }

      if (debug) cfg.logger.debug(this.redact(`→ ${method} ${url}`), redactHeaders(headers));
      const started = debug ? Date.now() : 0;

      let controller: AbortController | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let unlink: (() => void) | undefined;
      // A signal costs undici measurable work per request, so only a configured timeout adds one.
      if (timeout !== undefined && timeout > 0 && timeout < TIMER_MAX) {
        const c = new AbortController();
        controller = c;
        timer = setTimeout(abortOnTimeout, timeout, c);
        if (signal) {
          const forward = () => c.abort();
          signal.addEventListener('abort', forward, { once: true });
          unlink = () => signal.removeEventListener('abort', forward);
        }
      }
      const reqInit: RequestInit & { duplex?: 'half' } = { method, headers };
      if (controller) reqInit.signal = controller.signal;
      else if (signal) reqInit.signal = signal;
      if (body !== undefined) reqInit.body = body;
      if (streamed) reqInit.duplex = 'half';

      let response: Response;
      let text: string;
      try {
        response = await fetchImpl(url, reqInit);
        text = await response.text();
      } catch (cause) {
        if (timer !== undefined) clearTimeout(timer);
        unlink?.();
        if (signal?.aborted) throw new APIUserAbortError();
        const error = controller?.signal.aborted
          ? new APIConnectionTimeoutError({
              message: this.redact(`Request timed out after ${timeout} ms: ${method} ${url}`),
            })
          : new APIConnectionError({ message: this.redact(`Connection error: ${method} ${url}`), cause });
        if (retry >= maxRetries) throw error;
        await this.#wait(undefined, retry, error, signal);
        retry++;
        continue;
      }
      if (timer !== undefined) clearTimeout(timer);
      unlink?.();

      // Touching `response.headers` costs undici a header-map build: the success path never does.
      const status = response.status;
      this.lastResponse = response;
      if (debug) {
        cfg.logger.debug(
          this.redact(
            `← ${status} ${method} ${url} ${Date.now() - started} ms ${response.headers.get('x-request-id') ?? ''}`,
          ),
        );
      }

      if (status >= 200 && status < 300) {
        let parsed: unknown;
        if (text !== '') {
          try {
            parsed = JSON.parse(text);
          } catch (cause) {
            // A cut-off body (connection dropped after the headers) parses as nothing.
            const error = new APIConnectionError({
              message: this.redact(`Invalid JSON in response to ${method} ${url}`),
              cause,
            });
            if (retry >= maxRetries) throw error;
            await this.#wait(undefined, retry, error, signal);
            retry++;
            continue;
          }
        }
        if (cfg.validate) parsed = cfg.validate(method, path, status, parsed);
        return { body: parsed, response };
      }

      if (status === 401 && auth && token !== undefined && !replayed && auth.canRenew()) {
        // One refresh-and-replay per call, outside the retry budget (works with maxRetries: 0).
        replayed = true;
        await withAbort(auth.renew(token), signal);
        continue;
      }

      const resHeaders = response.headers;
      const error = makeAPIError(status, text, resHeaders, this.redact);
      if (retry >= maxRetries || !isRetryable(status, error, resHeaders)) throw error;
      const requested = serverRetryDelayMs(resHeaders);
      // Longer than the caller is willing to wait: fail now and let them schedule it.
      if (requested !== undefined && requested > cfg.maxRetryAfter) throw error;
      await this.#wait(requested, retry, error, signal);
      retry++;
    }
  }

  /** Waits for a token; where the credential is optional, a failure to get one means none is sent. */
  async #token(
    auth: TokenProvider,
    signal: AbortSignal | undefined,
    flags: number,
  ): Promise<string | undefined> {
    if (!(flags & OPTIONAL_AUTH)) return withAbort(auth.token(), signal);
    try {
      return await withAbort(auth.token(), signal);
    } catch (error) {
      if (error instanceof APIUserAbortError) throw error;
      return undefined;
    }
  }

  /** Sleeps before retry `retry + 1`: the server-requested delay, else exponential backoff with jitter. */
  async #wait(
    requestedMs: number | undefined,
    retry: number,
    error: Error,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const cfg = this.config;
    const ms = requestedMs ?? backoffDelayMs(retry, cfg.backoff.initialMs, cfg.backoff.maxMs);
    if (cfg.logLevel <= LEVELS.info) {
      cfg.logger.info(`Retrying in ${Math.round(ms)} ms (retry ${retry + 1}): ${error.message}`);
    }
    await sleep(ms, signal);
  }

  [INSPECT](): string {
    return `Transport { baseUrl: '${this.config.baseUrl}' }`;
  }
}

/** Marker for a header the caller removed with `null`. */
const DELETE = '\u0000delete';

function mergeHeaders(
  into: Record<string, string> | undefined,
  add: Record<string, unknown>,
): Record<string, string> {
  const out = into ?? {};
  for (const key in add) {
    const value = add[key];
    if (value === undefined) continue;
    out[key.toLowerCase()] = value === null ? DELETE : String(value);
  }
  return out;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  if (!('x-api-key' in headers) && !('authorization' in headers)) return headers;
  const { 'x-api-key': _k, authorization: _a, ...rest } = headers;
  return rest;
}
