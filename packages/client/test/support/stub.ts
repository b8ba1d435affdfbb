/** Starts the reference stub (`@regen/stub`) on 127.0.0.1 for behaviour tests, with generous rate limits. */
import { type StubOptions, type StubServer, startStub } from '@regen/stub';

export const ADMIN_KEY = 'rg_test_AdminKeyForClientTests0123456789';

export async function startTestStub(options: StubOptions = {}): Promise<StubServer> {
  const stub = await startStub({
    port: 0,
    adminKey: ADMIN_KEY,
    logLevel: 'error',
    rateLimits: 'standard=100000/1h,burst=100000/1m,write=100000/1h',
    ...options,
  });
  await stub.ready;
  return stub;
}

/** A fetch that counts requests per path, for asserting on what went over the wire. */
export function countingFetch(): { fetch: typeof fetch; count: (path: string) => number; paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fetch: (input, init) => {
      paths.push(
        new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).pathname,
      );
      return fetch(input, init);
    },
    count: (path) => paths.filter((p) => p === path).length,
  };
}
