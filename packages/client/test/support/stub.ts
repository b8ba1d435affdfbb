/** The reference stub for the client's behaviour tests: the shared test stub of the repository. */
export { ADMIN_KEY, startTestStub } from '../../../../test/support/stub-server.ts';

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
