import { APIError } from './APIError.ts';

/**
 * 401: missing, invalid, expired or revoked credential (after the one refresh-and-replay for tokens).
 * Also an OAuth token or revocation endpoint's RFC 6749 §5.2 `invalid_grant` (revoked or spent
 * refresh token or code) and `invalid_client`, whatever their status: the cure is the same, log in
 * again. `error` / `error_description` keep the server's words; when the status is 400 the error is
 * also `instanceof BadRequestError`, so code that sorts errors by status keeps working.
 */
export class AuthenticationError extends APIError {
  static override readonly brand: string = 'AuthenticationError';
}
