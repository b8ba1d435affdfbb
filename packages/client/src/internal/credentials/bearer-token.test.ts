import { describe, expect, test } from 'vitest';
import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import { AuthenticationError } from '../../errors/AuthenticationError.ts';
import type { TokenProvider } from '../auth-provider.ts';
import { BearerToken } from './bearer-token.ts';

function provider(init: { current?: string; next?: () => Promise<string>; renewable?: boolean } = {}) {
  const renewed: string[] = [];
  const p: TokenProvider = {
    kind: 'jwt',
    peek: () => init.current,
    token: () =>
      init.current !== undefined
        ? Promise.resolve(init.current)
        : (init.next?.() ?? Promise.reject(new Error('no token'))),
    canRenew: () => init.renewable ?? true,
    renew: (used) => {
      renewed.push(used);
      return Promise.resolve('t2');
    },
    secrets: () => [init.current, 'refresh_secret'],
  };
  return { p, renewed };
}
const defaults = { accept: 'application/json' };

describe('BearerToken', () => {
  test('a fresh token: Authorization: Bearer, the same object on every call while it lasts', () => {
    const { p } = provider({ current: 't1' });
    const c = new BearerToken(p, defaults);
    const h = c.headers();
    expect(h).toEqual({ accept: 'application/json', authorization: 'Bearer t1' });
    expect(c.headers()).toBe(h);
    expect(c.kind).toBe('jwt');
  });

  test('no token yet: headers() is undefined and waitHeaders() fetches one', async () => {
    const { p } = provider({ next: () => Promise.resolve('t9') });
    const c = new BearerToken(p, defaults);
    expect(c.headers()).toBeUndefined();
    expect(await c.waitHeaders(undefined, false)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer t9',
    });
  });

  test('optional credential: no token means the defaults, which are never renewed', async () => {
    const { p } = provider({
      next: () => Promise.reject(new AuthenticationError({ message: 'logged out' })),
    });
    const c = new BearerToken(p, defaults);
    await expect(c.waitHeaders(undefined, false)).rejects.toBeInstanceOf(AuthenticationError);
    const sent = await c.waitHeaders(undefined, true);
    expect(sent).toBe(defaults);
    expect(c.canRenew(sent)).toBe(false);
  });

  test('an abort is never swallowed, even where the credential is optional', async () => {
    const { p } = provider({ next: () => new Promise(() => {}) });
    const controller = new AbortController();
    const pending = new BearerToken(p, defaults).waitHeaders(controller.signal, true);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
  });

  test('renew hands the provider the token that got the 401', async () => {
    const { p, renewed } = provider({ current: 't1' });
    const c = new BearerToken(p, defaults);
    const sent = c.headers() as Record<string, string>;
    expect(c.canRenew(sent)).toBe(true);
    await c.renew(sent);
    expect(renewed).toEqual(['t1']);
    expect(new BearerToken(provider({ current: 't1', renewable: false }).p, defaults).canRenew(sent)).toBe(
      false,
    );
  });
});
