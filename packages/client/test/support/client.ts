import { type ClientOptions, RegenClient } from '../../src/index.ts';

export const TEST_KEY = 'rg_test_Abcdefghijklmnopqrstuvwxyz012345';

/** A client for the programmable server: fast backoff, silent logs unless asked. */
export function testClient(baseUrl: string, options: ClientOptions = {}): RegenClient {
  return new RegenClient({
    apiKey: TEST_KEY,
    baseUrl,
    backoff: { initialMs: 5, maxMs: 20 },
    logLevel: 'off',
    ...options,
  });
}
