import type { HttpTransport, TransportRequest, TransportResponse } from '../../core/http-transport.ts';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import { APIConnectionTimeoutError } from '../../errors/APIConnectionTimeoutError.ts';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import type { PreparedRequest } from './build-request.ts';

/** A received answer; `body` starts as its text and is parsed later, in place, by `classifyResponse`. */
export interface Received {
  answer: TransportResponse;
  body: unknown;
}

// setTimeout clamps larger delays to 1 ms, which would time every attempt out at once.
const TIMER_MAX = 2_147_483_647;
const abortOnTimeout = (c: AbortController) => c.abort();

/**
 * One attempt through `transport`, headers and whole body within `timeout` ms when one is set.
 * Anything that stops an answer (refused, reset, truncated) resolves to an `APIConnectionError`
 * (`APIConnectionTimeoutError` on timeout) for the retry decision; only the caller's abort throws
 * (`APIUserAbortError`), since nothing may be sent after it. The sorting happens here, not in the
 * transport, so every transport fails the same way.
 */
export async function sendAttempt(
  transport: HttpTransport,
  request: PreparedRequest,
  headers: Record<string, string>,
  timeout: number | undefined,
  signal: AbortSignal | undefined,
  redact: (text: string) => string,
): Promise<Received | APIConnectionError> {
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlink: (() => void) | undefined;
  let sendSignal = signal;
  // A signal costs undici measurable work per request, so only a timeout or the caller's adds one.
  if (timeout !== undefined && timeout > 0 && timeout < TIMER_MAX) {
    const c = new AbortController();
    controller = c;
    timer = setTimeout(abortOnTimeout, timeout, c);
    if (signal) {
      const forward = () => c.abort();
      signal.addEventListener('abort', forward, { once: true });
      unlink = () => signal.removeEventListener('abort', forward);
    }
    sendSignal = c.signal;
  }
  const attempt: TransportRequest = {
    method: request.method,
    url: request.url,
    headers,
    body: request.body,
    signal: sendSignal,
  };

  try {
    const answer = await transport.send(attempt);
    return { answer, body: answer.text };
  } catch (cause) {
    if (signal?.aborted) throw new APIUserAbortError();
    if (controller?.signal.aborted) {
      return new APIConnectionTimeoutError({
        message: redact(`Request timed out after ${timeout} ms: ${request.method} ${request.url}`),
      });
    }
    return new APIConnectionError({
      message: redact(`Connection error: ${request.method} ${request.url}`),
      cause,
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    unlink?.();
  }
}
