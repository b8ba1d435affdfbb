/**
 * The reference stub (`@regen/stub`), in-process on a free port of 127.0.0.1, set up for tests:
 * a known admin key, limits raised out of the way (unless a test lowers them), header-driven
 * chaos (`Regen-Fault`) and short token lifetimes and rotation grace where a journey needs them.
 */
import { type ClientOptions, RegenClient } from '@regen/client';
import { type StubOptions, type StubServer, startStub } from '@regen/stub';

/** A well-formed key with every scope (`adminKey`), known to the tests only. */
export const ADMIN_KEY = 'rg_test_ContractSuiteAdminKey00000000000';
/** Limits no journey reaches except the rate-limit one. */
export const RAISED_LIMITS = 'standard=100000/1h,burst=100000/1m,write=100000/1h';

export async function startTestStub(options: StubOptions = {}): Promise<StubServer> {
  const stub = await startStub({
    port: 0,
    host: '127.0.0.1',
    adminKey: ADMIN_KEY,
    rateLimits: RAISED_LIMITS,
    chaos: true,
    logLevel: 'error',
    ...options,
  });
  await stub.ready;
  return stub;
}

/** A client of the stub holding `apiKey` (the admin key by default); no retries unless asked. */
export function stubClient(stub: StubServer, options: ClientOptions = {}): RegenClient {
  return new RegenClient({
    apiKey: ADMIN_KEY,
    baseUrl: stub.url,
    logLevel: 'off',
    maxRetries: 0,
    ...options,
  });
}
