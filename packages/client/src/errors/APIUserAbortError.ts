import { APIError } from './APIError.ts';

/** The caller's `signal` aborted the call (while sending, reading, or waiting to retry). */
export class APIUserAbortError extends APIError {
  static override readonly brand: string = 'APIUserAbortError';

  constructor(init: { message?: string } = {}) {
    super({ message: init.message ?? 'Request was aborted.' });
  }
}
