/**
 * OAuth 2.0 journeys against the stub: client credentials (RFC 6749 §4.4) and the
 * authorization-code flow with PKCE (RFC 7636), with the client's own helpers end to end.
 */
import {
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RegenClient,
  type TokenSet,
} from '@regen/client';
import { createAuthorizationRequest, exchangeCode, oauthRefresher, parseCallback } from '@regen/client/oauth';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub({ accessTokenTtl: '2s' });
});
afterAll(() => stub?.close());

const CLIENT = { clientId: 'cli_regen_demo', clientSecret: 'cs_regen_demo_secret' };
const REDIRECT = 'http://127.0.0.1:9/callback';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('client credentials', () => {
  it('fetches a token by itself, uses it, and gets a new one when it expires', async () => {
    const recorder = recordingFetch();
    const tokens: TokenSet[] = [];
    const client = new RegenClient({
      ...CLIENT,
      scopes: ['read:orders'],
      baseUrl: stub.url,
      fetch: recorder.fetch,
      logLevel: 'off',
      maxRetries: 0,
      onTokens: (t) => {
        tokens.push(t);
      },
    });
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);
    // Only the scope asked for was granted.
    const error = await client.products.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).scope).toBe('read:products');

    await sleep(2_300);
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);
    const tokenCalls = recorder.exchanges.filter((e) => e.url.pathname === '/oauth/token');
    expect(tokenCalls.map((e) => e.status)).toEqual([200, 200]);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]?.accessToken).not.toBe(tokens[0]?.accessToken);
  });
});

describe('authorization code with PKCE', () => {
  it('authorize → callback → code exchange → calls as the user → refresh through /oauth/token', async () => {
    const { url, state, codeVerifier } = await createAuthorizationRequest({
      baseUrl: stub.url,
      clientId: CLIENT.clientId,
      redirectUri: REDIRECT,
      scopes: ['read:orders', 'read:products'],
    });
    // What the browser does; the stub's test-only auto_approve skips the consent page.
    const redirect = await fetch(`${url}&auto_approve=true`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const { code } = parseCallback(redirect.headers.get('location') ?? '', state);

    const options = { baseUrl: stub.url, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };
    const tokens = await exchangeCode({ ...options, code, redirectUri: REDIRECT, codeVerifier });
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.refresh_token).toBeTruthy();

    const recorder = recordingFetch();
    const client = new RegenClient({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? undefined,
      refresh: oauthRefresher({ ...options, fetch: recorder.fetch }),
      baseUrl: stub.url,
      fetch: recorder.fetch,
      logLevel: 'off',
    });
    expect((await client.users.me()).email).toBe(stub.demoUser.email);
    await sleep(2_300);
    expect((await client.products.list({ limit: 1 })).data).toHaveLength(1);
    expect(recorder.exchanges.filter((e) => e.url.pathname === '/oauth/token').map((e) => e.status)).toEqual([
      200,
    ]);
    expect(recorder.exchanges.some((e) => e.url.pathname === '/api/auth/refresh')).toBe(false);

    // A code is single-use; replaying it also revokes what it issued (RFC 6749 §4.1.2).
    await expect(
      exchangeCode({ ...options, code, redirectUri: REDIRECT, codeVerifier }),
    ).rejects.toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
    const error = await client.orders.list({ limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toMatch(/^invalid_(grant|token)$/);
  });

  it('a revoked OAuth session fails with AuthenticationError like a revoked /api/auth session', async () => {
    const { url, state, codeVerifier } = await createAuthorizationRequest({
      baseUrl: stub.url,
      clientId: CLIENT.clientId,
      redirectUri: REDIRECT,
      scopes: ['read:orders'],
    });
    const redirect = await fetch(`${url}&auto_approve=true`, { redirect: 'manual' });
    const { code } = parseCallback(redirect.headers.get('location') ?? '', state);
    const options = { baseUrl: stub.url, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };
    const tokens = await exchangeCode({ ...options, code, redirectUri: REDIRECT, codeVerifier });

    const recorder = recordingFetch();
    const client = new RegenClient({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? undefined,
      refresh: oauthRefresher({ ...options, fetch: recorder.fetch }),
      baseUrl: stub.url,
      fetch: recorder.fetch,
      logLevel: 'off',
      maxRetries: 0,
    });
    expect((await client.orders.list({ limit: 1 })).data).toHaveLength(1);

    // The user revokes the grant (RFC 7009); revoking the refresh token ends its session.
    await client.oauth.revoke({
      token: tokens.refresh_token ?? '',
      token_type_hint: 'refresh_token',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });

    const error = await client.orders.list({ limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ error: 'invalid_grant' });
    expect((error as AuthenticationError).error_description).toBeTruthy();
    // The call got a 401, the one refresh was refused, and nothing else was sent.
    expect(
      recorder.exchanges
        .filter((e) => e.url.pathname !== '/oauth/revoke')
        .map((e) => [e.url.pathname, e.status])
        .slice(1),
    ).toEqual([
      ['/api/v1/orders', 401],
      ['/oauth/token', 400],
    ]);
  });

  it('a wrong code verifier is refused (RFC 7636 §4.6)', async () => {
    const { url, state } = await createAuthorizationRequest({
      baseUrl: stub.url,
      clientId: CLIENT.clientId,
      redirectUri: REDIRECT,
      scopes: 'read:orders',
    });
    const redirect = await fetch(`${url}&auto_approve=true`, { redirect: 'manual' });
    const { code } = parseCallback(redirect.headers.get('location') ?? '', state);
    await expect(
      exchangeCode({
        baseUrl: stub.url,
        ...CLIENT,
        code,
        redirectUri: REDIRECT,
        codeVerifier: 'x'.repeat(64),
      }),
    ).rejects.toMatchObject({ status: 400, error: 'invalid_grant' });
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
