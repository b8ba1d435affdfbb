import { APIError } from './APIError.ts';

/**
 * The credential is dead: log in again. A 401 (after the one refresh-and-replay for tokens), a
 * session with nothing left to refresh with, and an OAuth token or revocation endpoint's RFC 6749
 * §5.2 `invalid_grant` (revoked or spent refresh token or code) or `invalid_client`, whatever their
 * status. It is no other class: `status` keeps the HTTP status (400 for most OAuth errors) and
 * `error` / `error_description` keep the server's words.
 */
export class AuthenticationError extends APIError {
  static override readonly brand: string = 'AuthenticationError';
}
