import { APIConnectionError } from './APIConnectionError.ts';

/** An attempt exceeded its `timeout` (headers and body included). */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly brand: string = 'APIConnectionTimeoutError';

  constructor(init: { message?: string } = {}) {
    super({ message: init.message ?? 'Request timed out.' });
  }
}
