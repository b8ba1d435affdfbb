/** The request as the stub core sees it: web-standard-ish, independent of node:http. */
export interface StubRequest {
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  /** Raw query string without `?` (`''` when absent). */
  readonly rawQuery: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The client address (for per-IP rate limits). */
  readonly remoteAddress: string;
  /** Reads the whole body; rejects with 413 beyond `limit` bytes. */
  readBody(limit: number): Promise<Buffer>;
  /** Registers a callback for a client that goes away before the response is complete. */
  onAbort(callback: () => void): void;
  /**
   * The same object for every request of one connection (what a connection-scoped memo is keyed
   * by); absent when the adapter cannot tell.
   */
  readonly connection?: object;
}

/** How the adapter should (mis)deliver a response: chaos faults live here. */
export type Delivery =
  | { readonly kind: 'normal' }
  /** Destroy the socket without an answer. */
  | { readonly kind: 'reset' }
  /** Send the headers and half the body, then destroy the socket. */
  | { readonly kind: 'truncate' }
  /** Never answer; the socket stays open until the client or the server gives up. */
  | { readonly kind: 'hang' };

/** A serialized response produced by the core. */
export interface StubResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  delivery?: Delivery;
}

/**
 * A response, or the promise of one: a request that needs no I/O (a read served from memory) is
 * answered synchronously, without a promise or a microtask per step.
 */
export type Answer = StubResponse | Promise<StubResponse>;

/** The core: one function from request to response. */
export type StubHandler = (request: StubRequest) => Answer;
