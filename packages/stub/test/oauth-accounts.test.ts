/**
 * OAuth clients belong to accounts: a client-credentials token acts in its client's
 * account (live mode), never in another's; a client registered for an account the server does not
 * have gets nothing.
 */
import { describe, expect, it } from 'vitest';
import { NORTHWIND_OAUTH_CLIENT } from '../src/config/settings.ts';
import { useStub } from './support/stub.ts';

const NORTHWIND = 'acct_8Hn3Vb6Kx1P';
const DEMO = 'acct_5Tq8Wm2Rz4N';
const ctx = useStub({
  oauthClients: [
    { id: 'cli_demo', secret: 'demo-secret' },
    NORTHWIND_OAUTH_CLIENT,
    { id: 'cli_nowhere', secret: 'nowhere-secret', accountId: 'acct_DoesNotExist0' },
  ],
});

async function clientToken(id: string, secret: string) {
  return ctx.client.call('POST', '/oauth/token', {
    key: null,
    rawBody: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: secret,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('OAuth clients of accounts', () => {
  it("acts in its client's account, on live data, and sees none of the other account's", async () => {
    const northwind = await clientToken(NORTHWIND_OAUTH_CLIENT.id, NORTHWIND_OAUTH_CLIENT.secret as string);
    const demo = await clientToken('cli_demo', 'demo-secret');
    expect([northwind.status, demo.status]).toEqual([200, 200]);
    const as = (token: { body: { access_token: string } }) => ({
      key: null,
      bearer: token.body.access_token,
    });

    const health = await ctx.client.get('/api/health', as(northwind));
    expect(health.body.data.credential).toMatchObject({ type: 'oauth', accountId: NORTHWIND, mode: 'live' });
    expect((await ctx.client.get('/api/v1/users/me', as(northwind))).body.data).toMatchObject({
      accountId: NORTHWIND,
      role: 'CLIENT_OWNER',
    });
    expect((await ctx.client.get('/api/health', as(demo))).body.data.credential.accountId).toBe(DEMO);

    // The demo account's documented order is another account's to the Northwind client.
    expect((await ctx.client.get('/api/v1/orders/ord_8x2Kq9Lm3Np', as(demo))).status).toBe(200);
    const refused = await ctx.client.get('/api/v1/orders/ord_8x2Kq9Lm3Np', as(northwind));
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
    const listed = await ctx.client.get('/api/v1/orders?limit=100', as(northwind));
    expect(listed.body.data.map((o: { id: string }) => o.id)).not.toContain('ord_8x2Kq9Lm3Np');
  });

  it('refuses a client registered for an account the server does not have', async () => {
    const reply = await clientToken('cli_nowhere', 'nowhere-secret');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('unauthorized_client');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_nowhere',
      redirect_uri: 'http://127.0.0.1:9/callback',
      scope: 'read:orders',
      state: 'st',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      auto_approve: 'true',
    });
    const authorize = await fetch(`${ctx.stub.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    expect(authorize.headers.get('location')).toMatch(/[?&]error=unauthorized_client/);
    expect(authorize.headers.get('location')).toMatch(/[?&]state=st/);
  });
});
