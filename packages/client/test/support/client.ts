import { type ClientOptions, RegenClient } from '../../src/index.ts';
import { transportOptions } from './transport.ts';

export const TEST_KEY = 'rg_test_Abcdefghijklmnopqrstuvwxyz012345';

/**
 * A client for the programmable server: fast backoff, silent logs unless asked. `options` may
 * swap the test key for another credential (`{ apiKey: undefined, clientId, clientSecret }`);
 * `ClientOptions` allows one kind per object, so the merged object is cast. The transport is the
 * running project's (support/transport.ts).
 */
export function testClient(baseUrl: string, options: ClientOptions = {}): RegenClient {
  return new RegenClient({
    apiKey: TEST_KEY,
    baseUrl,
    backoff: { initialMs: 5, maxMs: 20 },
    logLevel: 'off',
    ...transportOptions(),
    ...options,
  } as ClientOptions);
}
