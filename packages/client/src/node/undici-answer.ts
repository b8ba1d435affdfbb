import type { IncomingHttpHeaders } from 'node:http';
import type { TransportResponse } from '../core/http-transport.ts';

// RFC 9110 §15.3.5, §15.4.5 and the Fetch standard: a `Response` with these statuses has no body.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * An undici answer: status, raw header map and body text. A `Response` (with a `Headers` and a
 * body) costs more than the rest of the call together, so it is built only when asked for
 * (`.withResponse()`, `.asResponse()`, an error's `headers`).
 */
export class UndiciAnswer implements TransportResponse {
  readonly status: number;
  readonly text: string;
  readonly #headers: IncomingHttpHeaders;
  #response: Response | undefined;

  constructor(status: number, headers: IncomingHttpHeaders, text: string) {
    this.status = status;
    this.#headers = headers;
    this.text = text;
  }

  header(name: string): string | null {
    const value = this.#headers[name];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }

  get response(): Response {
    if (this.#response === undefined) {
      const headers = new Headers();
      for (const name in this.#headers) {
        const value = this.#headers[name];
        if (typeof value === 'string') headers.append(name, value);
        else if (value !== undefined) for (const v of value) headers.append(name, v);
      }
      const body = NULL_BODY.has(this.status) ? null : this.text;
      this.#response = new Response(body, { status: this.status, headers });
    }
    return this.#response;
  }
}
