import { APIError } from './APIError.ts';

/** 400: malformed request or a field that fails validation (`details` names the path). */
export class BadRequestError extends APIError {
  static override readonly brand: string = 'BadRequestError';
}
