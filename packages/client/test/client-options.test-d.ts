/** `ClientOptions` is a union with one kind of credential per object: mixing two does not compile. */
import { expectTypeOf, test } from 'vitest';
import { type ClientOptions, RegenClient } from '../src/index.ts';

const key = 'rg_test_Abcdefghijklmnopqrstuvwxyz012345';

test('each kind of credential compiles on its own', () => {
  expectTypeOf({ apiKey: key }).toExtend<ClientOptions>();
  expectTypeOf({ apiKey: key, authScheme: 'bearer' as const }).toExtend<ClientOptions>();
  expectTypeOf({ accessToken: 'a', refreshToken: 'r' }).toExtend<ClientOptions>();
  expectTypeOf({ clientId: 'c', clientSecret: 's', scopes: ['read:orders'] }).toExtend<ClientOptions>();
  // None at all: REGEN_API_KEY is read at construction.
  expectTypeOf({ baseUrl: 'https://example.com' }).toExtend<ClientOptions>();
  // `undefined` for another kind's field is fine (options built from optional config).
  expectTypeOf({ apiKey: undefined, clientId: 'c', clientSecret: 's' }).toExtend<ClientOptions>();
});

test('two kinds of credential, or half of one, do not compile', () => {
  // @ts-expect-error an API key and a client secret
  new RegenClient({ apiKey: key, clientSecret: 's' });
  // @ts-expect-error an API key and OAuth client credentials
  new RegenClient({ apiKey: key, clientId: 'c', clientSecret: 's' });
  // @ts-expect-error an API key and a session token
  new RegenClient({ apiKey: key, accessToken: 'a' });
  // @ts-expect-error an API key and a refresh token
  new RegenClient({ apiKey: key, refreshToken: 'r' });
  // @ts-expect-error a session token and OAuth client credentials
  new RegenClient({ accessToken: 'a', clientId: 'c', clientSecret: 's' });
  // @ts-expect-error authScheme belongs to the API key, not to a session
  new RegenClient({ accessToken: 'a', authScheme: 'bearer' });
  // @ts-expect-error scopes belong to client credentials, not to an API key
  new RegenClient({ apiKey: key, scopes: ['read:orders'] });
  // @ts-expect-error clientId without clientSecret
  new RegenClient({ clientId: 'c' });
});

test('login takes session settings, not another credential', () => {
  expectTypeOf(RegenClient.login).toBeCallableWith({ email: 'a@b.c', password: 'p', onTokens: () => {} });
  // @ts-expect-error login makes the session: an API key has no place here
  void RegenClient.login({ email: 'a@b.c', password: 'p', apiKey: key });
  // A session acts in the mode chosen at login: the contract's two, nothing else.
  expectTypeOf(RegenClient.login).toBeCallableWith({ email: 'a@b.c', password: 'p', mode: 'test' });
  // @ts-expect-error 'sandbox' is not a mode of the contract
  void RegenClient.login({ email: 'a@b.c', password: 'p', mode: 'sandbox' });
});
