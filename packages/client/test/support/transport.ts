/**
 * The transport the behaviour tests run on. The `fetch` project of vitest.config.ts runs them on
 * the default (global `fetch`), the `undici` project sets `REGEN_TEST_TRANSPORT=undici` and runs
 * the same files on `undiciTransport()`: one shared pool per test file, closed after it.
 */
import { afterAll } from 'vitest';
import type { HttpTransport } from '../../src/index.ts';
import { fetchTransport } from '../../src/internal/transport/fetch-transport.ts';
import { type UndiciTransport, undiciTransport } from '../../src/node.ts';

/** `'fetch'` or `'undici'`: which project is running. */
export const TRANSPORT_NAME = process.env.REGEN_TEST_TRANSPORT === 'undici' ? 'undici' : 'fetch';

let pool: UndiciTransport | undefined;
if (TRANSPORT_NAME === 'undici') {
  afterAll(async () => {
    await pool?.close();
    pool = undefined;
  });
}

/** What a test client is built with: `{}` (the default, fetch) or `{ transport: undiciTransport() }`. */
export function transportOptions(): { transport?: HttpTransport } {
  if (TRANSPORT_NAME === 'fetch') return {};
  pool ??= undiciTransport();
  return { transport: pool };
}

/** A transport that records the path of every attempt, over the project's transport. */
export function countingTransport(): {
  transport: HttpTransport;
  count: (path: string) => number;
  paths: string[];
} {
  const paths: string[] = [];
  const inner = transportOptions().transport ?? fetchTransport(globalThis.fetch);
  return {
    paths,
    transport: {
      send(request) {
        paths.push(new URL(request.url).pathname);
        return inner.send(request);
      },
    },
    count: (path) => paths.filter((p) => p === path).length,
  };
}
