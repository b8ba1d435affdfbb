import { APIError } from './APIError.ts';

/** 422: semantically invalid request, or an idempotency key reused with a different body. */
export class UnprocessableEntityError extends APIError {
  static override readonly brand: string = 'UnprocessableEntityError';
}
