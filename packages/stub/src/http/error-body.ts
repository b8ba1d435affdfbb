import type { ApiError } from './api-error.ts';
import type { OAuthError } from './oauth-error.ts';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** The contract's error envelope (openapi/README.md, "Envelopes"). */
export function errorEnvelope(error: ApiError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = { code: error.code, message: error.message, requestId };
  if (error.extra.details !== undefined) body.details = error.extra.details;
  if (error.extra.scope !== undefined) body.scope = error.extra.scope;
  return { success: false, error: body };
}

/** RFC 6749 §5.2 error body. */
export function oauthErrorBody(error: OAuthError): Record<string, unknown> {
  return { error: error.error, error_description: error.message };
}
