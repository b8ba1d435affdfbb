import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/**
 * The behaviour tests of the client over real HTTP, which run once per transport: the default
 * (global `fetch`, every test file) and `undiciTransport()` of `@regen/client/node` (these files,
 * with `REGEN_TEST_TRANSPORT=undici`; test/support/transport.ts hands each client its transport).
 */
const BEHAVIOUR = [
  'abort',
  'contract-sync',
  'errors',
  'idempotency',
  'logging',
  'oauth-client-credentials',
  'oauth-pkce',
  'pagination',
  'retries',
  'secrets',
  'stub-api',
  'stub-auth',
  'stub-chaos',
  'token-session',
  'validation',
  'with-response',
].map((name) => `test/${name}.test.ts`);

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Builds dist/ once when stale: the examples and the browser test run the built package.
      globalSetup: ['test/support/build-once.ts'],
      projects: [
        { extends: true, test: { name: 'fetch', env: { REGEN_TEST_TRANSPORT: 'fetch' } } },
        {
          extends: true,
          test: {
            name: 'undici',
            include: BEHAVIOUR,
            env: { REGEN_TEST_TRANSPORT: 'undici' },
            typecheck: { enabled: false },
          },
        },
      ],
    },
  }),
);
