import type { RequestOptions } from '../../core/request-options.ts';
import { appendQuery, fillPath } from '../url.ts';

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

/** A call's own headers on top of the client's: a string sets one, `null` removes a default. */
export type HeaderPatch = Record<string, string | null>;

/** Everything about a call that stays the same on every attempt. */
export interface PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: BodyInit | undefined;
  /** Undefined for most GETs, which then send the client's prebuilt headers object as is. */
  readonly headers: HeaderPatch | undefined;
  /** A stream body: fetch needs `duplex: 'half'`, and it can be read only once. */
  readonly streamed: boolean;
  /**
   * Sent at most once, neither retried nor replayed: a stream can be read once, and an
   * authorization code is single-use (RFC 6749 §4.1.2), so a second attempt could only fail.
   */
  readonly once: boolean;
}

/** URL, body and per-call headers of a call; `idempotent` adds an `Idempotency-Key` to a POST. */
export function buildRequest(
  baseUrl: string,
  method: string,
  path: string,
  init: CallInit | undefined,
  options: RequestOptions | undefined,
  idempotent: boolean,
): PreparedRequest {
  const params = init?.params;
  let url = baseUrl + fillPath(path, params?.path);
  if (params?.query) url = appendQuery(url, params.query);

  let headers: HeaderPatch | undefined;
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
      headers = { 'content-type': 'application/json' };
    }
  }
  if (params?.header) headers = patchHeaders(headers, params.header);
  if (options?.headers) headers = patchHeaders(headers, options.headers);
  if (options?.idempotencyKey !== undefined || (idempotent && method === 'POST')) {
    headers ??= {};
    // A key the caller set in `headers` is kept; one removed with `null` stays removed.
    headers['idempotency-key'] =
      options?.idempotencyKey ??
      ('idempotency-key' in headers ? headers['idempotency-key'] : crypto.randomUUID()) ??
      null;
  }
  return { url, method, body, headers, streamed, once: streamed || isAuthorizationCodeGrant(body) };
}

/** `base` with `patch` applied; `base` itself (no copy) when the call adds nothing. */
export function withHeaders(
  base: Record<string, string>,
  patch: HeaderPatch | undefined,
): Record<string, string> {
  if (patch === undefined) return base;
  const out = { ...base };
  for (const key in patch) {
    const value = patch[key];
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

function patchHeaders(into: HeaderPatch | undefined, add: Record<string, unknown>): HeaderPatch {
  const out = into ?? {};
  for (const key in add) {
    const value = add[key];
    if (value !== undefined) out[key.toLowerCase()] = value === null ? null : String(value);
  }
  return out;
}

function isStream(body: unknown): boolean {
  return (
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) ||
    (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)
  );
}

/** A body sent as it is, whole: a string, a form, bytes or a blob (not a stream). */
export function isRawBody(body: unknown): body is BodyInit {
  return (
    typeof body === 'string' ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData)
  );
}

function isAuthorizationCodeGrant(body: BodyInit | undefined): boolean {
  return body instanceof URLSearchParams && body.get('grant_type') === 'authorization_code';
}
