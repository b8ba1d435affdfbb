import { APIError } from './APIError.ts';

/** 404: unknown route or resource. */
export class NotFoundError extends APIError {
  static override readonly brand: string = 'NotFoundError';
}
