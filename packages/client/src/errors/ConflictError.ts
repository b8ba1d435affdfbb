import { APIError } from './APIError.ts';

/** 409: state conflict, or (code `idempotency_key_in_use`) the same idempotency key still in flight. */
export class ConflictError extends APIError {
  static override readonly brand: string = 'ConflictError';
}
