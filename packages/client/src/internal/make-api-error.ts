import { serverRetryDelayMs } from '@regen/contract/http';
import { APIError, type APIErrorInit, type ErrorDetail } from '../errors/APIError.ts';
import { AuthenticationError } from '../errors/AuthenticationError.ts';
import { BadRequestError } from '../errors/BadRequestError.ts';
import { ConflictError } from '../errors/ConflictError.ts';
import { InternalServerError } from '../errors/InternalServerError.ts';
import { NotFoundError } from '../errors/NotFoundError.ts';
import { PermissionDeniedError } from '../errors/PermissionDeniedError.ts';
import { RateLimitError } from '../errors/RateLimitError.ts';
import { UnprocessableEntityError } from '../errors/UnprocessableEntityError.ts';
import { parseRateLimit } from './rate-limit.ts';

type Redact = (text: string) => string;

interface Envelope {
  error?:
    | { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown; scope?: unknown }
    | string;
  error_description?: unknown;
  message?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Builds the typed error for a non-2xx response from the contract's error envelope
 * `{ success: false, error: { code, message, requestId, details?, scope? } }`, or from an
 * RFC 6749 §5.2 body `{ error, error_description }` (OAuth endpoints), or from plain text.
 */
export function makeAPIError(status: number, text: string, headers: Headers, redact: Redact): APIError {
  let body: Envelope | undefined;
  try {
    body = text ? (JSON.parse(text) as Envelope) : undefined;
  } catch {
    body = undefined;
  }
  const init: APIErrorInit = {
    status,
    headers,
    message: '',
    requestId: headers.get('x-request-id') ?? undefined,
  };
  const e = body?.error;
  if (e && typeof e === 'object') {
    init.code = str(e.code);
    init.message = str(e.message) ?? '';
    init.requestId ??= str(e.requestId);
    init.scope = str(e.scope);
    if (Array.isArray(e.details)) {
      init.details = (e.details as ErrorDetail[]).map((d) => ({
        path: String(d.path),
        message: redact(String(d.message)),
      }));
    }
  } else if (typeof e === 'string') {
    init.error = e;
    init.code = e;
    init.error_description = str(body?.error_description);
    if (init.error_description !== undefined) init.error_description = redact(init.error_description);
    init.message = init.error_description ?? e;
  } else {
    init.message = str(body?.message) ?? (body ? '' : text.slice(0, 200));
  }
  init.message = redact(init.message || `HTTP ${status}`);

  // RFC 6749 §5.2: a revoked or spent grant, or a client that failed to authenticate, is an
  // authentication failure whatever the status (400, or 401 for HTTP Basic). It is only that:
  // `status` still says 400 for code that sorts errors by status.
  if (init.error === 'invalid_grant' || init.error === 'invalid_client') return new AuthenticationError(init);

  switch (status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 422:
      return new UnprocessableEntityError(init);
    case 429:
      return new RateLimitError({
        ...init,
        retryAfterMs: serverRetryDelayMs(headers),
        rateLimit: parseRateLimit(headers),
      });
    default:
      return status >= 500 ? new InternalServerError(init) : new APIError(init);
  }
}
