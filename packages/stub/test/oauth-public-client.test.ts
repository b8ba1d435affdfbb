/**
 * The seeded public client (`cli_regen_public`, no secret) makes `unauthorized_client` producible as
 * the contract names it: `client_credentials` from a public client is 400 `unauthorized_client` in
 * the `OAuthError` shape, while the authorization-code flow with PKCE works for it. Clients given
 * explicitly (`oauthClients`, `--oauth-client`) replace every default, the public one included.
 */
import { randomBytes } from 'node:crypto';
import { zOAuthError } from '@regen/contract/zod';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OAUTH_CLIENTS, PUBLIC_OAUTH_CLIENT } from '../src/config/settings.ts';
import { pkceChallenge } from '../src/index.ts';
import { type Client, useStub } from './support/stub.ts';

// No `oauthClients`: the stub seeds its default clients.
const seeded = useStub();
const REDIRECT = 'http://127.0.0.1:9/callback';
const PUBLIC_ID = 'cli_regen_public';

function token(client: Client, fields: Record<string, string>) {
  return client.call('POST', '/oauth/token', {
    key: null,
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** A code for the demo owner from `authorize` with `auto_approve=true` (test environments only). */
async function codeFor(url: string, clientId: string, verifier: string): Promise<Response> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'st4te',
    scope: 'read:orders',
    auto_approve: 'true',
  });
  return fetch(`${url}/oauth/authorize?${query}`, { redirect: 'manual' });
}

describe('the seeded public client', () => {
  it('is seeded by default, without a secret, beside the confidential demo clients', () => {
    expect(PUBLIC_OAUTH_CLIENT).toEqual({ id: PUBLIC_ID });
    expect(DEFAULT_OAUTH_CLIENTS.map((c) => [c.id, c.secret !== undefined])).toEqual([
      ['cli_regen_demo', true],
      ['cli_northwind_demo', true],
      [PUBLIC_ID, false],
    ]);
  });

  it('asking for client_credentials is 400 unauthorized_client, in the OAuthError shape (form and JSON)', async () => {
    const viaForm = await token(seeded.client, { grant_type: 'client_credentials', client_id: PUBLIC_ID });
    const viaJson = await seeded.client.post(
      '/oauth/token',
      { grant_type: 'client_credentials', client_id: PUBLIC_ID, scope: 'read:orders' },
      { key: null },
    );
    for (const reply of [viaForm, viaJson]) {
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect(reply.body).toEqual({ error: 'unauthorized_client', error_description: expect.any(String) });
      expect(zOAuthError.safeParse(reply.body).success).toBe(true);
    }
    // The contract's example of the response says the same.
    expect(viaForm.body.error_description).toBe('Public clients cannot use client_credentials');
    // The confidential demo client, same request with its secret: a token.
    const confidential = await token(seeded.client, {
      grant_type: 'client_credentials',
      client_id: 'cli_regen_demo',
      client_secret: 'cs_regen_demo_secret',
    });
    expect(confidential.status).toBe(200);
  });

  it('completes the authorization-code flow with PKCE, then refreshes, with its client_id only', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const redirect = await codeFor(seeded.stub.url, PUBLIC_ID, verifier);
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('st4te');
    const code = location.searchParams.get('code') ?? '';
    const exchanged = await token(seeded.client, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: PUBLIC_ID,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read:orders',
      refresh_token: expect.any(String),
    });
    const orders = await seeded.client.get('/api/v1/orders?limit=1', { bearer: exchanged.body.access_token });
    expect(orders.status).toBe(200);

    const refreshed = await token(seeded.client, {
      grant_type: 'refresh_token',
      refresh_token: exchanged.body.refresh_token,
      client_id: PUBLIC_ID,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);
    // A public client that sends a secret anyway is not authenticated.
    const withSecret = await token(seeded.client, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      client_id: PUBLIC_ID,
      client_secret: 'guessed',
    });
    expect([withSecret.status, withSecret.body.error]).toEqual([401, 'invalid_client']);
  });
});

describe('oauthClients given explicitly', () => {
  const explicit = useStub({ oauthClients: [{ id: 'cli_only', secret: 'only-secret' }] });

  it('replace every default client, the public one included', async () => {
    const publicClient = await token(explicit.client, {
      grant_type: 'client_credentials',
      client_id: PUBLIC_ID,
    });
    expect([publicClient.status, publicClient.body.error]).toEqual([401, 'invalid_client']);
    const demo = await token(explicit.client, {
      grant_type: 'client_credentials',
      client_id: 'cli_regen_demo',
      client_secret: 'cs_regen_demo_secret',
    });
    expect([demo.status, demo.body.error]).toEqual([401, 'invalid_client']);
    // An unknown client is never redirected: authorize answers 400 itself.
    const authorize = await codeFor(explicit.stub.url, PUBLIC_ID, randomBytes(32).toString('base64url'));
    expect(authorize.status).toBe(400);
    expect(authorize.headers.get('location')).toBeNull();

    const given = await token(explicit.client, {
      grant_type: 'client_credentials',
      client_id: 'cli_only',
      client_secret: 'only-secret',
    });
    expect(given.status).toBe(200);
  });
});
