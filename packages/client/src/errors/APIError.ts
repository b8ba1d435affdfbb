import type { KnownErrorCode } from '../generated/error-codes.ts';
import { RegenError } from './RegenError.ts';

/** One entry of `error.details` on a validation error: which field, and what is wrong with it. */
export interface ErrorDetail {
  /** Where the problem is: a JSON Pointer (RFC 6901) into the request body, or a parameter name. */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** The error codes of the contract's error envelope (generated); unknown codes pass through as plain strings. */
export type ErrorCode = KnownErrorCode | (string & {});

/** What the SDK extracted from an error response (envelope or RFC 6749 §5.2 OAuth error). */
export interface APIErrorInit {
  /** HTTP status; undefined for connection errors, timeouts and aborts. */
  status?: number | undefined;
  /** The envelope's `error.code`. */
  code?: string | undefined;
  /** The server's message (kept verbatim). */
  message: string;
  /** `X-Request-Id` of the response, or `error.requestId` of the body. */
  requestId?: string | undefined;
  /** Response headers. */
  headers?: Headers | undefined;
  /** The envelope's `error.details` (validation errors). */
  details?: readonly ErrorDetail[] | undefined;
  /** The missing scope of a 403 `insufficient_scope`. */
  scope?: string | undefined;
  /** RFC 6749 §5.2 `error` of an OAuth endpoint. */
  error?: string | undefined;
  /** RFC 6749 §5.2 `error_description` of an OAuth endpoint. */
  error_description?: string | undefined;
  /** The underlying error (network failure, parse error), kept as `Error.cause`. */
  cause?: unknown;
}

/** An error answered by the API (status set) or met on the way to it (status undefined). */
export class APIError extends RegenError {
  static override readonly brand: string = 'APIError';
  /** HTTP status; undefined for connection errors, timeouts and aborts. */
  readonly status: number | undefined;
  /** The envelope's `error.code` (one of the contract's codes, or an unknown one verbatim). */
  readonly code: ErrorCode | undefined;
  /** `X-Request-Id` of the response (or `error.requestId` of the body): quote it to support. */
  readonly requestId: string | undefined;
  /** Response headers (never the request's, which hold credentials). */
  declare readonly headers: Headers | undefined;
  /** The envelope's `error.details`: which fields of the request were wrong (400 `validation_error`). */
  readonly details: readonly ErrorDetail[] | undefined;
  /** RFC 6749 §5.2 OAuth error code, kept verbatim. */
  readonly error: string | undefined;
  /** RFC 6749 §5.2 OAuth error description, kept verbatim. */
  readonly error_description: string | undefined;

  constructor(init: APIErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.error = init.error;
    this.error_description = init.error_description;
    // Non-enumerable: a Headers object is noisy in logs and is not part of the error's identity.
    Object.defineProperty(this, 'headers', { value: init.headers, enumerable: false });
  }

  override toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...super.toJSON(), status: this.status, code: this.code };
    if (this.requestId !== undefined) out.requestId = this.requestId;
    if (this.details !== undefined) out.details = this.details;
    if (this.error !== undefined) out.error = this.error;
    if (this.error_description !== undefined) out.error_description = this.error_description;
    return out;
  }
}

function formatMessage(init: APIErrorInit): string {
  const head =
    init.status === undefined ? '' : init.code ? `${init.status} ${init.code}: ` : `${init.status} `;
  const tail = init.requestId ? ` (request ${init.requestId})` : '';
  return `${head}${init.message}${tail}`;
}
