/** @module What the runner sends and receives, as recorded in reports. */

/** A fully prepared request: what goes on the wire. */
export interface PreparedRequest {
  readonly method: string;
  /** Absolute URL, query string included. */
  readonly url: string;
  /** Header names as sent (case kept for the curl line). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, or `undefined` for none. */
  readonly body: string | undefined;
}

/** A response as received. */
export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with `, ` (RFC 9110 §5.3). */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** Wall time from sending to the end of the body. */
  readonly elapsedMs: number;
}

/** A request and what came back; `error` when no response arrived (refused, timed out). */
export type HttpOutcome =
  | { readonly kind: 'response'; readonly request: PreparedRequest; readonly response: HttpResponse }
  | { readonly kind: 'error'; readonly request: PreparedRequest; readonly error: string };
