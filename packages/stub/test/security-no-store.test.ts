import { describe, expect, it } from 'vitest';
import { pkceChallenge } from '../src/index.ts';
import { useStub } from './support/stub.ts';

const ctx = useStub();

// "Security": secrets are never cached.
// Every response carrying a token, a key or a signing secret says no-store.
describe('responses that carry a secret send Cache-Control: no-store', () => {
  const noStore = (headers: Headers) => expect(headers.get('cache-control')).toBe('no-store');

  it('login and refresh', async () => {
    await ctx.stub.ready;
    const login = await ctx.client.post('/api/auth/login', ctx.stub.demoUser, { key: null });
    expect(login.status).toBe(200);
    noStore(login.headers);
    const refresh = await ctx.client.post(
      '/api/auth/refresh',
      { refreshToken: login.body.data.refreshToken },
      { key: null },
    );
    expect(refresh.status).toBe(200);
    noStore(refresh.headers);
  });

  it('API key create (and its idempotent replay) and rotate', async () => {
    const body = { name: 'cache test', scopes: ['read:orders'] };
    const headers = { 'idempotency-key': 'cache-test-1' };
    const created = await ctx.client.post('/api/v1/api-keys', body, { headers });
    expect(created.status).toBe(201);
    noStore(created.headers);
    const replay = await ctx.client.post('/api/v1/api-keys', body, { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    noStore(replay.headers);
    const rotated = await ctx.client.post(`/api/v1/api-keys/${created.body.data.id}/rotate`);
    expect(rotated.status).toBe(200);
    noStore(rotated.headers);
    // Reading the key (no secret in it) stays cacheable by the client's choice.
    const read = await ctx.client.get(`/api/v1/api-keys/${created.body.data.id}`);
    expect(read.headers.get('cache-control')).toBeNull();
  });

  it('webhook endpoint create', async () => {
    const created = await ctx.client.post('/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['order.created'],
    });
    expect(created.status).toBe(201);
    noStore(created.headers);
  });

  it('/oauth/token and the authorization-code redirect', async () => {
    const token = await ctx.client.call('POST', '/oauth/token', {
      key: null,
      rawBody: 'grant_type=client_credentials&client_id=cli_regen_demo&client_secret=cs_regen_demo_secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(token.status).toBe(200);
    noStore(token.headers);
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_regen_demo',
      redirect_uri: 'http://127.0.0.1:9/cb',
      code_challenge_method: 'S256',
      code_challenge: pkceChallenge('v'.repeat(43)),
      auto_approve: 'true',
    });
    const redirect = await fetch(`${ctx.stub.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    noStore(redirect.headers);
  });
});
