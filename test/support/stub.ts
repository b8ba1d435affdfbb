/**
 * The reference stub for the contract suite: the shared test stub (`stub-server.ts`) with
 * header-driven chaos (`Regen-Fault`) on, and a client of it holding the admin key.
 */
import { type ClientOptions, RegenClient } from '@regen/client';
import type { StubOptions, StubServer } from '@regen/stub';
import { ADMIN_KEY, RAISED_LIMITS, startTestStub as startSharedStub } from './stub-server.ts';

export { ADMIN_KEY, RAISED_LIMITS };

/** The shared test stub with `Regen-Fault` honoured (journeys that need faults send the header). */
export function startTestStub(options: StubOptions = {}): Promise<StubServer> {
  return startSharedStub({ chaos: true, ...options });
}

/** A client of the stub holding `apiKey` (the admin key by default); no retries unless asked. */
export function stubClient(stub: StubServer, options: ClientOptions = {}): RegenClient {
  // Callers pass another API key at most, so the result is still one kind of credential.
  return new RegenClient({
    apiKey: ADMIN_KEY,
    baseUrl: stub.url,
    logLevel: 'off',
    maxRetries: 0,
    ...options,
  } as ClientOptions);
}
