import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/** One entry of a validation error's `details`: the field path and what is wrong with it. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** Optional parts of an error response beyond code and message. */
export interface ApiErrorExtra {
  readonly details?: readonly ErrorDetail[];
  readonly scope?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error answered in the contract's envelope `{ success: false, error: { code, message, requestId } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly extra: ApiErrorExtra;

  constructor(code: ErrorCode, message?: string, extra: ApiErrorExtra = {}) {
    const def = ERROR_CODES[code];
    super(message ?? def.message);
    this.name = 'ApiError';
    this.status = def.status;
    this.code = code;
    this.extra = extra;
  }
}

/** Shorthand for a 404 naming the missing resource. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError('not_found', `${what} ${id} not found`);
}
