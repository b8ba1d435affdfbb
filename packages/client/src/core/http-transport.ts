/**
 * What the client asks of the code that puts an attempt on the wire. The default sends with
 * `fetch` (browsers, edge runtimes, Node); `undiciTransport()` of `@regen/client/node` sends with
 * undici's dispatcher on Node. Retries, timeouts, abort, redaction, typed errors and validation
 * stay in the client, so every transport behaves the same.
 */

/** One attempt, as the client hands it to a transport. */
export interface TransportRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Absolute URL, query included. */
  readonly url: string;
  /** Request headers, names in lower case; they hold the credential, so never log them. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON string, a form, bytes or a stream; undefined for none. */
  readonly body: BodyInit | undefined;
  /** Aborts the attempt (the caller's abort or the client's timeout); the send must then reject. */
  readonly signal: AbortSignal | undefined;
}

/** What a transport resolves with: the whole answer, its body already read. */
export interface TransportResponse {
  /** HTTP status code. */
  readonly status: number;
  /** The whole body as text. */
  readonly text: string;
  /** One header's value (name in lower case), or null; cheaper than building `response.headers`. */
  header(name: string): string | null;
  /** The answer as a web `Response` (what `.withResponse()` gives); may be built on first use. */
  readonly response: Response;
}

/**
 * Sends one attempt. It resolves with any HTTP status (errors are the client's job) and rejects
 * when no complete answer arrived: refused, reset, cut short, or aborted through `signal`.
 */
export interface HttpTransport {
  /** Sends `request` once and resolves with the whole answer, whatever its status. */
  send(request: TransportRequest): Promise<TransportResponse>;
}
