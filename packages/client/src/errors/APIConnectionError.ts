import { APIError } from './APIError.ts';

/** The request never got a complete answer: DNS, refused or dropped connection, truncated body. */
export class APIConnectionError extends APIError {
  static override readonly brand: string = 'APIConnectionError';

  constructor(init: { message?: string; cause?: unknown } = {}) {
    super({ message: init.message ?? 'Connection error.', cause: init.cause });
  }
}
