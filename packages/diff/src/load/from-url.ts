/** @module Reads a document from a URL, typically a running server's `/openapi.json`. */
import { InputError } from './input-error.ts';

/** How long a server gets to answer before the input counts as unreachable. */
const TIMEOUT_MS = 10_000;

/** The body of `url`, or an InputError naming why there is none. */
export async function readUrl(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/json, application/yaml;q=0.9, */*;q=0.1' },
    });
  } catch (error) {
    throw new InputError(`${url} did not answer (${reason(error)})`);
  }
  if (!response.ok) throw new InputError(`${url} answered HTTP ${response.status}`);
  return response.text();
}

/** undici hides the socket error in `cause`; its code (ECONNREFUSED, ENOTFOUND) is the useful part. */
function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
    const cause: unknown = error.cause;
    if (cause instanceof Error)
      return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
    return error.message;
  }
  return String(error);
}
