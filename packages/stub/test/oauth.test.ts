import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pkceChallenge } from '../src/index.ts';
import { useStub } from './support/stub.ts';

const ctx = useStub({
  oauthClients: [
    { id: 'cli_app', secret: 'app-secret' },
    { id: 'cli_public' },
    { id: 'cli_other', secret: 'other-secret' },
  ],
});
const REDIRECT = 'http://127.0.0.1:9/callback';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function token(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return ctx.client.call('POST', '/oauth/token', {
    key: null,
    rawBody: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

async function authorize(params: Record<string, string>): Promise<Response> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'cli_app',
    redirect_uri: REDIRECT,
    code_challenge_method: 'S256',
    state: 'st4te',
    ...params,
  });
  return fetch(`${ctx.stub.url}/oauth/authorize?${query}`, { redirect: 'manual' });
}

async function codeFor(verifier: string, params: Record<string, string> = {}): Promise<string> {
  const response = await authorize({
    code_challenge: pkceChallenge(verifier),
    auto_approve: 'true',
    ...params,
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.searchParams.get('state')).toBe('st4te');
  return location.searchParams.get('code') ?? '';
}

const verifier = () => randomBytes(32).toString('base64url');

describe('client credentials', () => {
  it('issues a bearer token (form body, JSON body or HTTP Basic) that works on the API', async () => {
    const viaForm = await token({
      grant_type: 'client_credentials',
      client_id: 'cli_app',
      client_secret: 'app-secret',
      scope: 'orders:read read:products',
    });
    expect(viaForm.status).toBe(200);
    expect(viaForm.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read:orders read:products',
    });
    expect(viaForm.body).not.toHaveProperty('refresh_token');
    expect(viaForm.headers.get('cache-control')).toBe('no-store');
    const orders = await ctx.client.get('/api/v1/orders?limit=1', { bearer: viaForm.body.access_token });
    expect(orders.status).toBe(200);
    const denied = await ctx.client.get('/api/v1/customers', { bearer: viaForm.body.access_token });
    expect(denied.body.error.scope).toBe('read:customers');

    const viaJson = await ctx.client.post(
      '/oauth/token',
      { grant_type: 'client_credentials', client_id: 'cli_app', client_secret: 'app-secret' },
      { key: null },
    );
    expect(viaJson.status).toBe(200);
    expect(viaJson.body.scope).toBe('read:* write:*');
    const viaBasic = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic('cli_app', 'app-secret') },
    );
    expect(viaBasic.status).toBe(200);
    const health = await ctx.client.get('/api/health', { bearer: viaBasic.body.access_token });
    expect(health.body.data.credential.type).toBe('oauth');
  });

  it('invalid_client for a wrong secret, an unknown client, or Basic failures (with WWW-Authenticate)', async () => {
    const wrong = await token({
      grant_type: 'client_credentials',
      client_id: 'cli_app',
      client_secret: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const unknown = await token({
      grant_type: 'client_credentials',
      client_id: 'cli_ghost',
      client_secret: 'x',
    });
    expect(unknown.body.error).toBe('invalid_client');
    const viaBasic = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic('cli_app', 'nope') },
    );
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('RFC 6749 errors for bad grants and scopes', async () => {
    const unsupported = await token({
      grant_type: 'password',
      client_id: 'cli_app',
      client_secret: 'app-secret',
    });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.error).toBe('unsupported_grant_type');
    const badScope = await token({
      grant_type: 'client_credentials',
      client_id: 'cli_app',
      client_secret: 'app-secret',
      scope: 'read:everything',
    });
    expect(badScope.body.error).toBe('invalid_scope');
    const publicClient = await token({ grant_type: 'client_credentials', client_id: 'cli_public' });
    expect(publicClient.body.error).toBe('unauthorized_client');
  });
});

describe('authorization code with PKCE', () => {
  it('auto-approves (test-only), exchanges the code, refreshes and revokes', async () => {
    const v = verifier();
    const code = await codeFor(v, { scope: 'read:orders write:orders' });
    expect(code).toMatch(/^ac_/);
    const exchanged = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: v,
      client_id: 'cli_app',
      client_secret: 'app-secret',
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      token_type: 'Bearer',
      scope: 'read:orders write:orders',
      refresh_token: expect.any(String),
    });
    expect(
      (await ctx.client.get('/api/v1/orders?limit=1', { bearer: exchanged.body.access_token })).status,
    ).toBe(200);

    const refreshed = await token(
      { grant_type: 'refresh_token', refresh_token: exchanged.body.refresh_token },
      { authorization: basic('cli_app', 'app-secret') },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);

    const revoked = await ctx.client.call('POST', '/oauth/revoke', {
      key: null,
      rawBody: form({
        token: refreshed.body.refresh_token,
        client_id: 'cli_app',
        client_secret: 'app-secret',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.text).toBe('');
    const afterRevoke = await token({
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      client_id: 'cli_app',
      client_secret: 'app-secret',
    });
    expect(afterRevoke.body.error).toBe('invalid_grant');
    expect(
      (await ctx.client.get('/api/v1/orders?limit=1', { bearer: refreshed.body.access_token })).status,
    ).toBe(401);
  });

  it('works for public clients, and revokes single access tokens', async () => {
    const v = verifier();
    const code = await codeFor(v, { client_id: 'cli_public' });
    const exchanged = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: v,
      client_id: 'cli_public',
    });
    expect(exchanged.status).toBe(200);
    const revoke = await ctx.client.post(
      '/oauth/revoke',
      { token: exchanged.body.access_token, token_type_hint: 'access_token', client_id: 'cli_public' },
      { key: null },
    );
    expect(revoke.status).toBe(200);
    expect((await ctx.client.get('/api/v1/users/me', { bearer: exchanged.body.access_token })).status).toBe(
      401,
    );
  });

  it('invalid_grant: wrong verifier, wrong redirect_uri, other client, reused code (which revokes its tokens)', async () => {
    const v = verifier();
    const exchange = (code: string, overrides: Record<string, string> = {}) =>
      token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: v,
        client_id: 'cli_app',
        client_secret: 'app-secret',
        ...overrides,
      });
    expect((await exchange(await codeFor(v), { code_verifier: verifier() })).body.error).toBe(
      'invalid_grant',
    );
    expect((await exchange(await codeFor(v), { redirect_uri: 'http://127.0.0.1:9/other' })).body.error).toBe(
      'invalid_grant',
    );
    expect(
      (await exchange(await codeFor(v), { client_id: 'cli_other', client_secret: 'other-secret' })).body
        .error,
    ).toBe('invalid_grant');
    expect((await exchange('ac_unknown')).body.error).toBe('invalid_grant');
    const code = await codeFor(v);
    const first = await exchange(code);
    expect(first.status).toBe(200);
    const second = await exchange(code);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect((await ctx.client.get('/api/v1/users/me', { bearer: first.body.access_token })).status).toBe(401);
  });

  it('shows a login-and-consent page, then redirects with a code or access_denied', async () => {
    const v = verifier();
    const page = await authorize({ code_challenge: pkceChallenge(v), scope: 'read:orders' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    // The contract gives /oauth/authorize no POST: the form posts to the stub's own route.
    expect((await fetch(`${ctx.stub.url}/oauth/authorize`, { method: 'POST' })).status).toBe(405);
    expect(html).toContain('read:orders');
    const action = /action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const submit = (fields: Record<string, string>) =>
      fetch(ctx.stub.url + action, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(fields),
      });

    const wrongPassword = await submit({
      email: ctx.stub.demoUser.email,
      password: 'nope',
      decision: 'approve',
    });
    expect(wrongPassword.status).toBe(401);
    const denied = await submit({ decision: 'deny' });
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
    const approved = await submit({
      email: ctx.stub.demoUser.email,
      password: ctx.stub.demoUser.password,
      decision: 'approve',
    });
    expect(approved.status).toBe(302);
    const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchanged = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: v,
      client_id: 'cli_app',
      client_secret: 'app-secret',
    });
    expect(exchanged.body.scope).toBe('read:orders');
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    const challenge = pkceChallenge(verifier());
    const evil = await authorize({
      code_challenge: challenge,
      redirect_uri: 'https://evil.example/cb',
      auto_approve: 'true',
    });
    expect(evil.status).toBe(400);
    expect((await evil.json()).error).toBe('invalid_request');
    const ghost = await authorize({
      code_challenge: challenge,
      client_id: 'cli_ghost',
      auto_approve: 'true',
    });
    expect(ghost.status).toBe(400);
    const plain = await authorize({ code_challenge: challenge, code_challenge_method: 'plain' });
    expect(plain.status).toBe(400);
  });
});
