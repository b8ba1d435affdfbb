/** JWT sessions (`/api/auth/*`, the contract's `BearerAuth`): login, proactive and 401-driven refresh, single-flight, onTokens, logout. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { AuthenticationError, RegenClient, type TokenSet } from '../src/index.ts';
import { makeJwt } from './support/jwt.ts';
import { startServer, type TestServer } from './support/server.ts';
import { transportOptions } from './support/transport.ts';

let server: TestServer;
/** What the fake auth server considers valid right now. */
let valid: Set<string>;
let refreshTokens: Set<string>;
let ttl: number;
let refreshDelayMs: number;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_t' });
  res.end(JSON.stringify(body));
}

function issue() {
  const accessToken = makeJwt(ttl);
  const refreshToken = `rt_${Math.random().toString(36).slice(2)}_refresh`;
  valid.add(accessToken);
  refreshTokens.add(refreshToken);
  return { accessToken, refreshToken, expiresIn: ttl };
}

async function app(req: IncomingMessage, res: ServerResponse, body: string) {
  const url = req.url ?? '';
  if (url === '/api/auth/login') {
    const { email, password } = JSON.parse(body) as { email: string; password: string };
    if (email !== 'demo@regen.test' || password !== 'regen-demo-password') {
      return send(res, 401, {
        success: false,
        error: { code: 'invalid_credentials', message: 'Invalid email or password' },
      });
    }
    return send(res, 200, {
      success: true,
      data: { ...issue(), user: { id: 'usr_1', email, role: 'CLIENT_OWNER' } },
    });
  }
  if (url === '/api/auth/refresh') {
    const { refreshToken } = JSON.parse(body) as { refreshToken: string };
    if (refreshDelayMs) await new Promise((r) => setTimeout(r, refreshDelayMs));
    if (!refreshTokens.delete(refreshToken)) {
      return send(res, 401, {
        success: false,
        error: { code: 'invalid_token', message: 'Invalid refresh token' },
      });
    }
    return send(res, 200, { success: true, data: issue() });
  }
  const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
  if (!valid.has(token))
    return send(res, 401, { success: false, error: { code: 'invalid_token', message: 'Token expired' } });
  if (url === '/api/auth/logout') {
    valid.delete(token);
    const { refreshToken } = JSON.parse(body || '{}') as { refreshToken?: string };
    if (refreshToken) refreshTokens.delete(refreshToken);
    return send(res, 200, { success: true, data: { revoked: true } });
  }
  return send(res, 200, { success: true, data: { id: 'usr_1', url } });
}

beforeAll(async () => {
  server = await startServer();
  server.handle(app);
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  valid = new Set();
  refreshTokens = new Set();
  ttl = 3600;
  refreshDelayMs = 0;
});

const paths = () => server.requests.map((r) => r.url);
const login = (extra: Record<string, unknown> = {}) =>
  RegenClient.login({
    ...transportOptions(),
    email: 'demo@regen.test',
    password: 'regen-demo-password',
    baseUrl: server.url,
    logLevel: 'off',
    ...extra,
  });

test('login returns a client that sends the access token as Bearer and reports tokens', async () => {
  const seen: TokenSet[] = [];
  const client = await login({ onTokens: (t: TokenSet) => void seen.push(t) });
  await expect(client.auth.me()).resolves.toMatchObject({ id: 'usr_1' });
  const [loginReq, meReq] = server.requests;
  expect(loginReq?.headers.authorization).toBeUndefined();
  expect(meReq?.headers.authorization).toMatch(/^Bearer ey/);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.refreshToken).toMatch(/^rt_/);
  expect(seen[0]?.expiresAt).toBeGreaterThan(Date.now());
});

test('wrong password: AuthenticationError, password nowhere in it', async () => {
  const error = await RegenClient.login({
    ...transportOptions(),
    email: 'demo@regen.test',
    password: 'wrong-password-123',
    baseUrl: server.url,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(JSON.stringify(error)).not.toContain('wrong-password-123');
});

test('a resumed session with an expired access token refreshes before the call', async () => {
  const { refreshToken } = issue();
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: makeJwt(-10),
    refreshToken,
    baseUrl: server.url,
    logLevel: 'off',
  });
  await client.users.me();
  expect(paths()).toEqual(['/api/auth/refresh', '/api/v1/users/me']);
});

test('inside the refresh window the call goes out at once and the refresh runs beside it', async () => {
  ttl = 6;
  const issued: string[] = [];
  const client = await login({ onTokens: (t: { accessToken: string }) => void issued.push(t.accessToken) });
  // Background window from 4.5 s (a quarter of the lifetime before expiry), blocking from 5.4 s.
  await new Promise((r) => setTimeout(r, 4600));
  await client.users.me();
  await new Promise((r) => setTimeout(r, 100));
  // The call and the refresh travel side by side on two sockets: either may reach the server first.
  expect([...paths()].sort()).toEqual(['/api/auth/login', '/api/auth/refresh', '/api/v1/users/me']);
  // The call did not wait for the refresh: it went with the login's token, the next with the new one.
  const call = server.requests.find((r) => r.url === '/api/v1/users/me');
  expect(call?.headers.authorization).toBe(`Bearer ${issued[0]}`);
  await client.users.me();
  expect(issued).toHaveLength(2);
  expect(server.requests[3]?.headers.authorization).toBe(`Bearer ${issued[1]}`);
});

test('a 401 refreshes once and replays once, even with maxRetries: 0', async () => {
  const client = await login({ maxRetries: 0 });
  valid.clear(); // the server revokes the access token (e.g. clock skew, key roll)
  await expect(client.users.me()).resolves.toMatchObject({ id: 'usr_1' });
  expect(paths()).toEqual(['/api/auth/login', '/api/v1/users/me', '/api/auth/refresh', '/api/v1/users/me']);
});

test('a second 401 throws AuthenticationError', async () => {
  const client = await login();
  server.handle((req, res, body) => {
    if (req.url === '/api/v1/users/me')
      return send(res, 401, { success: false, error: { code: 'invalid_token', message: 'nope' } });
    return app(req, res, body);
  });
  try {
    await expect(client.users.me()).rejects.toBeInstanceOf(AuthenticationError);
    expect(paths()).toEqual(['/api/auth/login', '/api/v1/users/me', '/api/auth/refresh', '/api/v1/users/me']);
  } finally {
    server.handle(app);
  }
});

test('50 concurrent calls with an expired token make exactly one refresh request', async () => {
  const { refreshToken } = issue();
  refreshDelayMs = 50;
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: makeJwt(-10),
    refreshToken,
    baseUrl: server.url,
    logLevel: 'off',
  });
  await Promise.all(Array.from({ length: 50 }, () => client.users.me()));
  expect(paths().filter((p) => p === '/api/auth/refresh')).toHaveLength(1);
  expect(paths().filter((p) => p === '/api/v1/users/me')).toHaveLength(50);
});

test('50 concurrent 401s on an opaque token make exactly one refresh request', async () => {
  const { refreshToken } = issue();
  refreshDelayMs = 30;
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: 'opaque-revoked-token',
    refreshToken,
    baseUrl: server.url,
    logLevel: 'off',
  });
  await Promise.all(Array.from({ length: 50 }, () => client.users.me()));
  expect(paths().filter((p) => p === '/api/auth/refresh')).toHaveLength(1);
  expect(paths().filter((p) => p === '/api/v1/users/me')).toHaveLength(100);
});

test('refresh tokens rotate: each refresh sends the latest one and onTokens sees it', async () => {
  const seen: TokenSet[] = [];
  const client = await login({ onTokens: (t: TokenSet) => void seen.push(t) });
  await client.auth.refresh();
  await client.auth.refresh();
  expect(seen).toHaveLength(3);
  const sent = server.requests
    .filter((r) => r.url === '/api/auth/refresh')
    .map((r) => JSON.parse(r.body).refreshToken);
  expect(sent).toEqual([seen[0]?.refreshToken, seen[1]?.refreshToken]);
  await expect(client.users.me()).resolves.toBeDefined();
});

test('a failed refresh surfaces as AuthenticationError', async () => {
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: makeJwt(-10),
    refreshToken: 'rt_unknown_token',
    baseUrl: server.url,
    logLevel: 'off',
  });
  await expect(client.users.me()).rejects.toBeInstanceOf(AuthenticationError);
});

test('logout revokes both tokens server-side, then calls fail locally', async () => {
  const seen: TokenSet[] = [];
  const client = await login({ onTokens: (t: TokenSet) => void seen.push(t) });
  await client.logout();
  const logoutReq = server.requests.at(-1);
  expect(logoutReq?.url).toBe('/api/auth/logout');
  expect(logoutReq?.headers.authorization).toMatch(/^Bearer /);
  expect(JSON.parse(logoutReq?.body ?? '{}')).toEqual({ refreshToken: seen[0]?.refreshToken });
  expect(refreshTokens.size).toBe(0);
  const count = server.requests.length;
  await expect(client.users.me()).rejects.toThrow(/Logged out/);
  expect(server.requests).toHaveLength(count);
});

test("without a refresh token, a 401 is the server's AuthenticationError, not replayed", async () => {
  const client = new RegenClient({
    ...transportOptions(),
    accessToken: 'opaque-unknown-token',
    baseUrl: server.url,
    logLevel: 'off',
  });
  const error = await client.users.me().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ status: 401, code: 'invalid_token', requestId: 'req_t' });
  expect(paths()).toEqual(['/api/v1/users/me']);
});
