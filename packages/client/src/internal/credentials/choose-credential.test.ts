import { afterEach, describe, expect, test } from 'vitest';
import type { ClientOptions } from '../../core/client-options.ts';
import { RegenError } from '../../errors/RegenError.ts';
import { type ChooseContext, chooseCredential } from './choose-credential.ts';

const KEY = 'rg_test_Abcdefghijklmnopqrstuvwxyz012345';
const ctx: ChooseContext = {
  keyGiven: false,
  loginSession: false,
  send: () => Promise.reject(new Error('not in this test')),
  onBackgroundError: () => {},
};
const choose = (o: unknown, c: Partial<ChooseContext> = {}) =>
  chooseCredential(o as ClientOptions, { ...ctx, ...c });

afterEach(() => {
  delete process.env.REGEN_API_KEY;
});

describe('chooseCredential', () => {
  test('an API key: X-API-Key by default, Bearer on request; defaults kept', () => {
    const { credential, anonymous } = choose({ apiKey: KEY, defaultHeaders: { 'X-Partner': 'acme' } });
    expect(credential.kind).toBe('apiKey');
    expect(credential.headers()).toEqual({
      accept: 'application/json',
      'x-partner': 'acme',
      'x-api-key': KEY,
    });
    expect(credential.secrets()).toEqual([KEY]);
    expect(anonymous.headers()).toEqual({ accept: 'application/json', 'x-partner': 'acme' });
    expect(choose({ apiKey: KEY, authScheme: 'bearer' }).credential.headers()).toMatchObject({
      authorization: `Bearer ${KEY}`,
    });
  });

  test('calls without a credential never carry one, even from defaultHeaders', () => {
    const { anonymous } = choose({
      apiKey: KEY,
      defaultHeaders: { Authorization: 'Basic x', 'X-Api-Key': 'k' },
    });
    expect(anonymous.kind).toBe('none');
    expect(anonymous.headers()).toEqual({ accept: 'application/json' });
  });

  test('tokens make a session; client credentials an OAuth token; REGEN_API_KEY only when nothing else is given', () => {
    const session = choose({ accessToken: 'a.b.c', refreshToken: 'r' });
    expect(session.credential.kind).toBe('jwt');
    expect(session.session).toBeDefined();
    expect(choose({}, { loginSession: true }).credential.kind).toBe('jwt');
    expect(choose({ clientId: 'c', clientSecret: 'cs_secret' }).credential.kind).toBe('oauth');
    process.env.REGEN_API_KEY = KEY;
    expect(choose({}).credential.kind).toBe('apiKey');
    expect(choose({ clientId: 'c', clientSecret: 'cs_secret' }).credential.kind).toBe('oauth');
  });

  test('the runtime check for JavaScript callers: none, two kinds, half of one', () => {
    expect(() => choose({})).toThrow(/No credentials/);
    expect(() => choose({ apiKey: KEY, clientSecret: 's' })).toThrow(/exactly one/);
    expect(() => choose({ apiKey: KEY, accessToken: 'a' })).toThrow(/exactly one/);
    expect(() => choose({ accessToken: 'a', clientId: 'c', clientSecret: 's' })).toThrow(/exactly one/);
    expect(() => choose({ clientId: 'c' })).toThrow(/clientSecret/);
    expect(() => choose({ clientId: 'c' })).toThrow(RegenError);
  });
});
