import type { TransportResponse } from '../../core/http-transport.ts';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import type { APIError } from '../../errors/APIError.ts';
import { makeAPIError } from '../make-api-error.ts';
import type { PreparedRequest } from './build-request.ts';
import type { Received } from './send-attempt.ts';

/** A parsed 2xx response. */
export interface RawResponse {
  body: unknown;
  /** The answer as the transport gave it (`answer.response` builds a `Response` if it has none). */
  answer: TransportResponse;
}

/**
 * Sorts a received response: a 2xx becomes a `RawResponse` with its JSON parsed (in place, so a
 * response costs one object), anything else the typed error of its status. A 2xx body that is not
 * JSON (a connection dropped mid-body) is an `APIConnectionError`, retried like one.
 */
export function classifyResponse(
  received: Received,
  request: PreparedRequest,
  redact: (text: string) => string,
): RawResponse | APIError {
  const { answer } = received;
  const text = received.body as string;
  const status = answer.status;
  // Only an error builds `Headers` (the error keeps them); a 2xx never touches them.
  if (status < 200 || status >= 300) return makeAPIError(status, text, answer.response.headers, redact);
  if (text === '') {
    received.body = undefined;
    return received;
  }
  try {
    received.body = JSON.parse(text);
    return received;
  } catch (cause) {
    return new APIConnectionError({
      message: redact(`Invalid JSON in response to ${request.method} ${request.url}`),
      cause,
    });
  }
}
