import { APIError } from './APIError.ts';

/** 401: missing, invalid, expired or revoked credential (after the one refresh-and-replay for tokens). */
export class AuthenticationError extends APIError {
  static override readonly brand: string = 'AuthenticationError';
}
