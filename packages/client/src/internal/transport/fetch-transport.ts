import type { HttpTransport, TransportRequest, TransportResponse } from '../../core/http-transport.ts';
import { isRawBody } from './build-request.ts';

/** A fetch `Response` whose body was read as `text`. */
class FetchAnswer implements TransportResponse {
  readonly response: Response;
  readonly text: string;

  constructor(response: Response, text: string) {
    this.response = response;
    this.text = text;
  }

  get status(): number {
    return this.response.status;
  }

  header(name: string): string | null {
    return this.response.headers.get(name);
  }
}

/** The default transport: `fetchImpl` (the global `fetch` unless the client was given one). */
export function fetchTransport(fetchImpl: typeof fetch): HttpTransport {
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers };
      if (request.signal) init.signal = request.signal;
      const body = request.body;
      if (body !== undefined) {
        init.body = body;
        // A stream body needs `duplex: 'half'` in Node's fetch (and in the Fetch standard).
        if (!isRawBody(body)) init.duplex = 'half';
      }
      const response = await fetchImpl(request.url, init);
      return new FetchAnswer(response, await response.text());
    },
  };
}
