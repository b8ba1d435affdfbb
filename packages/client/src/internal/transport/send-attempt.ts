import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import { APIConnectionTimeoutError } from '../../errors/APIConnectionTimeoutError.ts';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import type { PreparedRequest } from './build-request.ts';

/** A response with its body read as text (`body` is parsed later, in place, by `classifyResponse`). */
export interface Received {
  response: Response;
  body: unknown;
}

// setTimeout clamps larger delays to 1 ms, which would time every attempt out at once.
const TIMER_MAX = 2_147_483_647;
const abortOnTimeout = (c: AbortController) => c.abort();

/**
 * One attempt: `fetch`, then the whole body as text, both within `timeout` ms when one is set.
 * Anything that stops an answer (refused, reset, truncated) resolves to an `APIConnectionError`
 * (`APIConnectionTimeoutError` on timeout) for the retry decision; only the caller's abort throws
 * (`APIUserAbortError`), since nothing may be sent after it.
 */
export async function sendAttempt(
  fetchImpl: typeof fetch,
  request: PreparedRequest,
  headers: Record<string, string>,
  timeout: number | undefined,
  signal: AbortSignal | undefined,
  redact: (text: string) => string,
): Promise<Received | APIConnectionError> {
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers };
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlink: (() => void) | undefined;
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
    init.signal = c.signal;
  } else if (signal) {
    init.signal = signal;
  }
  if (request.body !== undefined) init.body = request.body;
  if (request.streamed) init.duplex = 'half';

  try {
    const response = await fetchImpl(request.url, init);
    const text = await response.text();
    return { response, body: text };
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
