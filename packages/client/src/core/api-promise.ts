import { parseRateLimit } from '../internal/rate-limit.ts';
import type { RawResponse } from '../internal/transport.ts';
import type { RateLimit } from './rate-limit.ts';

/** The executor of the (never awaited) base promise; module-level so no closure is made per call. */
const settleNow = (resolve: (value: never) => void): void => resolve(undefined as never);

/** What `.withResponse()` resolves to. */
export interface WithResponse<T> {
  /** What the method resolves to: the envelope's unwrapped `data`. */
  data: T;
  /** The raw `Response` (its body already read). */
  response: Response;
  /** `X-Request-Id` of the response. */
  requestId: string | undefined;
  /** Rate-limit headers of the response, if it carried them. */
  rateLimit: RateLimit | undefined;
}

/**
 * The promise every method returns: awaits to the unwrapped `data`; `.withResponse()` adds the raw
 * `Response`, request id and rate limit (as in openai-node). The request starts at once; the
 * mapping to `data` runs only when awaited.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #raw: Promise<RawResponse>;
  readonly #map: (raw: RawResponse) => T;
  #mapped: Promise<T> | undefined;

  constructor(raw: Promise<RawResponse>, map: (raw: RawResponse) => T) {
    super(settleNow);
    this.#raw = raw;
    this.#map = map;
  }

  /** @internal Derived promises (then/catch/finally) are plain Promises, never APIPromise. */
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The data together with the raw `Response`, the request id and the rate limit. */
  async withResponse(): Promise<WithResponse<T>> {
    const raw = await this.#raw;
    const response = raw.answer.response;
    const headers = response.headers;
    return {
      data: this.#map(raw),
      response,
      requestId: headers.get('x-request-id') ?? undefined,
      rateLimit: parseRateLimit(headers),
    };
  }

  /** The raw `Response` (its body is already consumed). */
  async asResponse(): Promise<Response> {
    return (await this.#raw).answer.response;
  }

  #parse(): Promise<T> {
    this.#mapped ??= this.#raw.then(this.#map);
    return this.#mapped;
  }

  // biome-ignore lint/suspicious/noThenProperty: APIPromise is a Promise; then() maps the response to data
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // biome-ignore lint/suspicious/noExplicitAny: mirrors Promise#then, so `(e: Error) => …` handlers type-check
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#parse().then(onfulfilled, onrejected);
  }

  // biome-ignore lint/suspicious/noExplicitAny: mirrors Promise#catch
  override catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parse().finally(onfinally);
  }
}

/** Maps a raw response to the envelope's `data`. */
export const unwrapData = (raw: RawResponse): never => (raw.body as { data: never }).data;
/** Maps a raw response to the whole JSON body. */
export const wholeBody = (raw: RawResponse): never => raw.body as never;
