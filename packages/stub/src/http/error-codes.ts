/**
 * The error codes of the contract (openapi/README.md, "Error codes") with their status and
 * default message; the 401/403/429 messages are the contract's error-code table word for word.
 */
import type { ErrorCode as ContractErrorCode } from '@regen/contract';

export const ERROR_CODES = {
  invalid_request: { status: 400, message: 'Invalid request' },
  validation_error: { status: 400, message: 'Request validation failed' },
  missing_api_key: { status: 401, message: 'Missing API key' },
  invalid_api_key: { status: 401, message: 'Invalid or inactive API key' },
  invalid_token: { status: 401, message: 'Invalid or expired token' },
  invalid_credentials: { status: 401, message: 'Invalid email or password' },
  insufficient_scope: { status: 403, message: 'API key lacks required permissions' },
  not_found: { status: 404, message: 'Not found' },
  method_not_allowed: { status: 405, message: 'Method not allowed' },
  conflict: { status: 409, message: 'Conflict' },
  idempotency_key_in_use: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry later',
  },
  payload_too_large: { status: 413, message: 'Request body exceeds 1 MiB' },
  unsupported_media_type: { status: 415, message: 'Content-Type must be application/json' },
  unprocessable_entity: { status: 422, message: 'Unprocessable entity' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was already used with a different request',
  },
  webhook_url_refused: { status: 422, message: 'The webhook URL is refused by the target policy' },
  rate_limit_exceeded: { status: 429, message: 'Rate limit exceeded' },
  internal_error: { status: 500, message: 'Internal server error' },
  service_unavailable: { status: 503, message: 'Service temporarily unavailable' },
  // Keyed by the contract's ErrorCode enum: a code added to or dropped from the contract fails to compile here.
} as const satisfies Readonly<Record<ContractErrorCode, { status: number; message: string }>>;

/** A code of the contract's error envelope. */
export type ErrorCode = keyof typeof ERROR_CODES;
