import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/index.ts';
import { sleep, useStub } from './support/stub.ts';

const ctx = useStub({ refreshReuseLeeway: '1500ms' });
const secret = () => new TextEncoder().encode('test-secret-of-at-least-32-bytes-long!!');

async function login(email = ctx.stub.demoUser.email, password = ctx.stub.demoUser.password) {
  return ctx.client.post('/api/auth/login', { email, password }, { key: null });
}

async function forge(
  claims: Record<string, unknown>,
  options: { iss?: string; exp?: number; typ?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'read:* write:*', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: options.typ ?? 'at+jwt' })
    .setSubject(String(claims.sub))
    .setIssuer(options.iss ?? JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt(now - 10)
    .setExpirationTime(options.exp ?? now + 600)
    .setJti(`forged-${Math.random()}`)
    .sign(secret());
}

describe('JWT login', () => {
  it('logs in with email and password: a 1-hour access token and a refresh token', async () => {
    const reply = await login();
    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      expiresIn: 3600,
      user: { email: ctx.stub.demoUser.email, role: 'CLIENT_OWNER' },
    });
    const me = await ctx.client.get('/api/v1/users/me', { bearer: reply.body.data.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.data.scopes).toEqual(['read:*', 'write:*']);
  });

  it('refuses a wrong password or an unknown email with 401 invalid_credentials', async () => {
    for (const reply of [await login(undefined, 'wrong-password'), await login('nobody@regen.test')]) {
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('invalid_credentials');
    }
  });

  it('grants the scopes of the role', async () => {
    const viewer = await login(ctx.stub.demoUser.email.replace(/^[^@]+/, 'viewer'));
    expect(viewer.body.data.user.role).toBe('CLIENT_VIEWER');
    const token = viewer.body.data.accessToken;
    expect((await ctx.client.get('/api/v1/orders?limit=1', { bearer: token })).status).toBe(200);
    const denied = await ctx.client.get('/api/v1/api-keys', { bearer: token });
    expect(denied.status).toBe(403);
    expect(denied.body.error.scope).toBe('read:api_keys');
  });
});

describe('refresh tokens', () => {
  it('rotate: the new refresh token works and the old one is spent', async () => {
    const { refreshToken } = (await login()).body.data;
    const first = await ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null });
    expect(first.status).toBe(200);
    expect(first.body.data.refreshToken).not.toBe(refreshToken);
    const second = await ctx.client.post(
      '/api/auth/refresh',
      { refreshToken: first.body.data.refreshToken },
      { key: null },
    );
    expect(second.status).toBe(200);
    expect((await ctx.client.get('/api/v1/users/me', { bearer: second.body.data.accessToken })).status).toBe(
      200,
    );
  });

  it('a repeat within the leeway returns the same pair (a retry after a lost response)', async () => {
    const { refreshToken } = (await login()).body.data;
    const [a, b] = await Promise.all([
      ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null }),
      ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null }),
    ]);
    expect(a.status).toBe(200);
    expect(b.body.data).toEqual(a.body.data);
    const again = await ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null });
    expect(again.body.data).toEqual(a.body.data);
    expect((await ctx.client.get('/api/v1/users/me', { bearer: a.body.data.accessToken })).status).toBe(200);
  });

  it('reuse after the leeway revokes the whole family, access tokens included', async () => {
    const { refreshToken } = (await login()).body.data;
    const rotated = await ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null });
    await sleep(1600);
    const reuse = await ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('invalid_token');
    const descendant = await ctx.client.post(
      '/api/auth/refresh',
      { refreshToken: rotated.body.data.refreshToken },
      { key: null },
    );
    expect(descendant.status).toBe(401);
    const access = await ctx.client.get('/api/v1/users/me', { bearer: rotated.body.data.accessToken });
    expect(access.status).toBe(401);
    expect(access.body.error.code).toBe('invalid_token');
  });

  it('an access token is not a refresh token, nor the reverse', async () => {
    const pair = (await login()).body.data;
    expect(
      (await ctx.client.post('/api/auth/refresh', { refreshToken: pair.accessToken }, { key: null })).status,
    ).toBe(401);
    expect((await ctx.client.get('/api/v1/users/me', { bearer: pair.refreshToken })).status).toBe(401);
  });

  it('logout ends the session (and the refresh token sent with it); twice is fine', async () => {
    const pair = (await login()).body.data;
    const out = await ctx.client.post(
      '/api/auth/logout',
      { refreshToken: pair.refreshToken },
      { bearer: pair.accessToken },
    );
    expect(out.body).toEqual({ success: true, data: { revoked: true } });
    expect((await ctx.client.get('/api/v1/users/me', { bearer: pair.accessToken })).status).toBe(401);
    expect(
      (await ctx.client.post('/api/auth/refresh', { refreshToken: pair.refreshToken }, { key: null })).status,
    ).toBe(401);
    const other = (await login()).body.data;
    expect((await ctx.client.post('/api/auth/logout', undefined, { bearer: other.accessToken })).status).toBe(
      200,
    );
  });
});

describe('forged and broken tokens → 401 invalid_token', () => {
  it('accepts a correctly signed token (control)', async () => {
    const userId = (await ctx.client.get('/api/v1/users/me')).body.data.id;
    const token = await forge({ sub: userId });
    expect((await ctx.client.get('/api/v1/users/me', { bearer: token })).status).toBe(200);
  });

  it('alg none, tampered signature, wrong issuer, expired', async () => {
    const userId = (await ctx.client.get('/api/v1/users/me')).body.data.id;
    const good = await forge({ sub: userId });
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const unsecured = new UnsecuredJWT({ scope: 'read:* write:*' })
      .setSubject(userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime('10m')
      .setJti('none')
      .encode();
    const tamperedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        scope: 'read:* write:* extra',
      }),
    ).toString('base64url');
    const cases = {
      algNone: unsecured,
      tamperedSignature: `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      tamperedPayload: `${header}.${tamperedPayload}.${signature}`,
      wrongIssuer: await forge({ sub: userId }, { iss: 'https://evil.example' }),
      expired: await forge({ sub: userId }, { exp: Math.floor(Date.now() / 1000) - 5 }),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(cases)) {
      const reply = await ctx.client.get('/api/v1/users/me', { bearer: token });
      expect(reply.status, name).toBe(401);
      expect(reply.body.error.code, name).toBe('invalid_token');
    }
  });
});
