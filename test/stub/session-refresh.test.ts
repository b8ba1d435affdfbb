/**
 * Journey against the stub: log in with email and password, call the API, let the access token
 * expire (the stub issues 2-second tokens here), and keep calling: the client refreshes the
 * session by itself and the caller never sees a 401.
 */
import { AuthenticationError, RegenClient, type TokenSet } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub({ accessTokenTtl: '2s' });
});
afterAll(() => stub?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isRefresh = (e: { method: string; url: URL }) =>
  e.method === 'POST' && e.url.pathname === '/api/auth/refresh';

async function login(tokens: TokenSet[] = []) {
  const recorder = recordingFetch();
  const client = await RegenClient.login({
    ...stub.demoUser,
    baseUrl: stub.url,
    fetch: recorder.fetch,
    logLevel: 'off',
    onTokens: (t) => {
      tokens.push(t);
    },
  });
  return { client, recorder, tokens };
}

describe('login → call → access token expires → transparent refresh', () => {
  it('keeps working after the access token has expired, with a new token from one refresh', async () => {
    const { client, recorder, tokens } = await login();
    expect((await client.users.me()).email).toBe(stub.demoUser.email);
    expect(tokens).toHaveLength(1);
    const first = tokens[0] as TokenSet;

    await sleep(2_300);
    // The first access token is really dead at the server now.
    const stale = await fetch(`${stub.url}/api/v1/users/me`, {
      headers: { authorization: `Bearer ${first.accessToken}` },
    });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('invalid_token');

    const page = await client.orders.list({ limit: 2 });
    expect(page.data).toHaveLength(2);

    expect(tokens).toHaveLength(2);
    expect(tokens[1]?.accessToken).not.toBe(first.accessToken);
    expect(tokens[1]?.refreshToken).not.toBe(first.refreshToken);
    const refreshes = recorder.exchanges.filter(isRefresh);
    expect(refreshes.map((e) => e.status)).toEqual([200]);
    // The refresh request itself carries no credential header: the refresh token is in the body.
    expect(refreshes[0]?.requestHeaders.has('authorization')).toBe(false);
    const listCall = recorder.exchanges.filter((e) => e.url.pathname === '/api/v1/orders');
    expect(listCall.map((e) => e.status)).toEqual([200]);
    expect(listCall[0]?.requestHeaders.get('authorization')).toBe(`Bearer ${tokens[1]?.accessToken}`);
  });

  it('a token the server rejects as expired is refreshed once and the call replayed', async () => {
    const { client, recorder, tokens } = await login();
    // The stub's chaos header answers this one request as if the access token had expired.
    const me = await client.users.me({ headers: { 'regen-fault': 'expire-token' } });
    expect(me.email).toBe(stub.demoUser.email);

    const calls = recorder.exchanges.filter((e) => e.url.pathname === '/api/v1/users/me');
    expect(calls.map((e) => e.status)).toEqual([401, 200]);
    expect(calls[0]?.requestHeaders.get('authorization')).toBe(`Bearer ${tokens[0]?.accessToken}`);
    expect(calls[1]?.requestHeaders.get('authorization')).toBe(`Bearer ${tokens[1]?.accessToken}`);
    expect(recorder.exchanges.filter(isRefresh).map((e) => e.status)).toEqual([200]);
  });

  it('concurrent calls after expiry share a single refresh (refresh tokens are single-use)', async () => {
    const { client, recorder, tokens } = await login();
    await sleep(2_300);
    const results = await Promise.all([
      client.users.me(),
      client.orders.list({ limit: 1 }),
      client.products.list({ limit: 1 }),
    ]);
    expect(results).toHaveLength(3);
    expect(recorder.exchanges.filter(isRefresh)).toHaveLength(1);
    expect(tokens).toHaveLength(2);
  });

  it('after logout the session is gone: the old refresh token no longer works', async () => {
    const { client, tokens } = await login();
    await client.logout();
    await expect(client.users.me()).rejects.toBeInstanceOf(AuthenticationError);
    const refresh = await fetch(`${stub.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: tokens[0]?.refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
