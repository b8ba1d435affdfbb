/**
 * @module The one way every package's tests start the reference stub (`@regen/stub`): in-process,
 * on a free port of 127.0.0.1, with one known admin key, a known JWT secret (tests forge tokens
 * with it), limits raised out of the way and quiet logs. Import it by relative path; the
 * packages' own `test/support/stub.ts` files wrap it.
 */
import { type StubOptions, type StubServer, startStub } from '@regen/stub';

/** A well-formed key with every scope (`--admin-key`), known to the tests only. */
export const ADMIN_KEY = 'rg_test_AdminAdminAdminAdminAdminAdmin12';
/** The HS256 secret tests pass, so they can forge tokens with other issuers or algorithms. */
export const JWT_SECRET = 'test-secret-of-at-least-32-bytes-long!!';
/**
 * Limits no test reaches except the rate-limit ones. The failed-authentication budget (`auth`,
 * "Security") stays finite so budget checks still meet a 429, but is raised from 10 to 40 per
 * 15 minutes: a conformance run's generated logins and token requests fail from 127.0.0.1 too,
 * and two runs against one stub must not spend the budget of the address they work from.
 */
export const RAISED_LIMITS = 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h,auth=40/15m';

/** How {@link startTestStub} departs from the stub's own defaults. */
export interface TestStubDefaults {
  /** Keep the product's rate limits and a random JWT secret (for tests of those defaults). */
  readonly productDefaults?: boolean;
}

/** The options {@link startTestStub} starts with: the test defaults, then `options` over them. */
export function testStubOptions(
  options: StubOptions = {},
  { productDefaults = false }: TestStubDefaults = {},
) {
  const testDefaults: StubOptions = productDefaults
    ? {}
    : { jwtSecret: JWT_SECRET, rateLimits: RAISED_LIMITS };
  return {
    port: 0,
    host: '127.0.0.1',
    adminKey: ADMIN_KEY,
    logLevel: 'silent',
    ...testDefaults,
    ...options,
  } satisfies StubOptions;
}

/** Starts a stub for tests and resolves once it is ready (demo passwords hashed). */
export async function startTestStub(
  options: StubOptions = {},
  defaults: TestStubDefaults = {},
): Promise<StubServer> {
  const stub = await startStub(testStubOptions(options, defaults));
  await stub.ready;
  return stub;
}
