import { APIError } from './APIError.ts';

/** Status ≥ 500: the server failed; retried automatically up to `maxRetries`. */
export class InternalServerError extends APIError {
  static override readonly brand: string = 'InternalServerError';
}
