import type { StubResponse } from './exchange.ts';

/** nginx's status for a request whose client closed the connection before it was answered. */
export const CLIENT_CLOSED_REQUEST = 499;

/** The client went away while its request body was being read: nothing failed on the server. */
export class ClientClosedRequest extends Error {
  constructor(cause?: unknown) {
    super('client closed request', cause === undefined ? undefined : { cause });
    this.name = 'ClientClosedRequest';
  }
}

/** What the pipeline returns for such a request: 499 and no body (the adapter sends nothing). */
export function clientClosedResponse(headers: Record<string, string>): StubResponse {
  return { status: CLIENT_CLOSED_REQUEST, headers, body: undefined };
}
