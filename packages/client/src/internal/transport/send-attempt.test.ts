import { describe, expect, test } from 'vitest';
import { APIConnectionError } from '../../errors/APIConnectionError.ts';
import { APIConnectionTimeoutError } from '../../errors/APIConnectionTimeoutError.ts';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import type { PreparedRequest } from './build-request.ts';
import { fetchTransport } from './fetch-transport.ts';
import { sendAttempt } from './send-attempt.ts';

const request: PreparedRequest = {
  url: 'https://api.example.com/x?key=rg_secret_value',
  method: 'GET',
  body: undefined,
  headers: undefined,
  streamed: false,
  once: false,
};
const redact = (text: string) => text.replaceAll('rg_secret_value', '[REDACTED]');
const headers = { accept: 'application/json' };

/** A fetch that answers after `ms` unless its signal aborts first. */
function slowFetch(ms: number, seen: RequestInit[] = []) {
  return fetchTransport((_url, init) => {
    seen.push(init ?? {});
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(new Response('{"ok":true}')), ms);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  });
}

describe('sendAttempt', () => {
  test('resolves to the answer and its body text; no signal unless asked for', async () => {
    const seen: RequestInit[] = [];
    const received = await sendAttempt(slowFetch(0, seen), request, headers, undefined, undefined, redact);
    expect(received).not.toBeInstanceOf(Error);
    expect((received as { body: unknown }).body).toBe('{"ok":true}');
    expect(seen[0]).toEqual({ method: 'GET', headers });
  });

  test('a failed fetch resolves to an APIConnectionError with its cause, redacted', async () => {
    const cause = new TypeError('fetch failed');
    const error = await sendAttempt(
      fetchTransport(() => Promise.reject(cause)),
      request,
      headers,
      undefined,
      undefined,
      redact,
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).cause).toBe(cause);
    expect((error as Error).message).toBe('Connection error: GET https://api.example.com/x?key=[REDACTED]');
  });

  test('a timeout resolves to an APIConnectionTimeoutError', async () => {
    const error = await sendAttempt(slowFetch(1_000), request, headers, 20, undefined, redact);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/^Request timed out after 20 ms: GET/);
  });

  test("the caller's abort throws, with or without a timeout", async () => {
    for (const timeout of [undefined, 5_000]) {
      const controller = new AbortController();
      const pending = sendAttempt(slowFetch(1_000), request, headers, timeout, controller.signal, redact);
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    }
  });

  test('a streamed body is sent with duplex: half', async () => {
    const seen: RequestInit[] = [];
    const body = new ReadableStream();
    await sendAttempt(
      slowFetch(0, seen),
      { ...request, method: 'POST', body, streamed: true },
      headers,
      undefined,
      undefined,
      redact,
    );
    expect(seen[0]).toMatchObject({ method: 'POST', body, duplex: 'half' });
  });
});
