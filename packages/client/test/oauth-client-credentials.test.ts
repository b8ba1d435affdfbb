/** OAuth 2.0 client credentials (the contract's `OAuth2` scheme, RFC 6749 §4.4): token fetched, cached, renewed single-flight. */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { AuthenticationError, type TokenSet } from '../src/index.ts';
import { testClient } from './support/client.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
let issued: string[];
let expiresIn: number;

beforeAll(async () => {
  server = await startServer();
  server.handle(async (req, res, body) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth/token') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') === 'cli_disabled') {
        // RFC 6749 §5.2 allows 400 for a failed client_secret_post authentication.
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: 'invalid_client', error_description: 'Client is disabled' }));
      }
      if (form.get('client_secret') !== 'cs_regen_demo_secret') {
        res.statusCode = 401;
        return res.end(
          JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }),
        );
      }
      await new Promise((r) => setTimeout(r, 20));
      const token = `at_${issued.length + 1}_${Math.random().toString(36).slice(2)}`;
      issued.push(token);
      return res.end(
        JSON.stringify({
          access_token: token,
          token_type: 'Bearer',
          expires_in: expiresIn,
          scope: form.get('scope'),
        }),
      );
    }
    const token = req.headers.authorization?.replace('Bearer ', '');
    if (token !== issued.at(-1)) {
      res.statusCode = 401;
      return res.end(
        JSON.stringify({ success: false, error: { code: 'invalid_token', message: 'expired' } }),
      );
    }
    return res.end(JSON.stringify({ success: true, data: { id: 'usr_1' } }));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  issued = [];
  expiresIn = 3600;
});

const oauthClient = (extra = {}) =>
  testClient(server.url, {
    apiKey: undefined,
    clientId: 'cli_regen_demo',
    clientSecret: 'cs_regen_demo_secret',
    scopes: ['read:orders', 'read:products'],
    ...extra,
  });
const tokenRequests = () => server.requests.filter((r) => r.url === '/oauth/token');

test('gets a token with client_secret_post, then sends it as Bearer', async () => {
  const seen: TokenSet[] = [];
  const client = oauthClient({ onTokens: (t: TokenSet) => void seen.push(t) });
  await client.users.me();
  const [tokenReq, apiReq] = server.requests;
  expect(tokenReq?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  expect(Object.fromEntries(new URLSearchParams(tokenReq?.body))).toEqual({
    grant_type: 'client_credentials',
    client_id: 'cli_regen_demo',
    client_secret: 'cs_regen_demo_secret',
    scope: 'read:orders read:products',
  });
  expect(tokenReq?.headers.authorization).toBeUndefined();
  expect(apiReq?.headers.authorization).toBe(`Bearer ${issued[0]}`);
  expect(seen.map((t) => t.accessToken)).toEqual(issued);
});

test('the token is cached across calls', async () => {
  const client = oauthClient();
  await client.users.me();
  await client.users.me();
  await client.users.me();
  expect(tokenRequests()).toHaveLength(1);
});

test('30 concurrent first calls share one token request', async () => {
  const client = oauthClient();
  await Promise.all(Array.from({ length: 30 }, () => client.users.me()));
  expect(tokenRequests()).toHaveLength(1);
});

test('an expired token is renewed before the call', async () => {
  expiresIn = 1;
  const client = oauthClient();
  await client.users.me();
  await new Promise((r) => setTimeout(r, 1000));
  await client.users.me();
  expect(tokenRequests()).toHaveLength(2);
  expect(server.requests.map((r) => r.url)).toEqual([
    '/oauth/token',
    '/api/v1/users/me',
    '/oauth/token',
    '/api/v1/users/me',
  ]);
});

test('a 401 fetches a new token once and replays', async () => {
  const client = oauthClient({ maxRetries: 0 });
  await client.users.me();
  issued.push('rotated-server-side'); // the server no longer accepts the cached token
  await client.users.me();
  expect(tokenRequests()).toHaveLength(2);
  expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${issued.at(-1)}`);
});

test('invalid_client from the token endpoint is an AuthenticationError, with a 400 as with a 401', async () => {
  const error = (await oauthClient({ clientId: 'cli_disabled', maxRetries: 0 })
    .users.me()
    .catch((e: unknown) => e)) as AuthenticationError;
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error.status).toBe(400);
  expect(error.error).toBe('invalid_client');
  expect(error.error_description).toBe('Client is disabled');
  expect(server.requests.map((r) => r.url)).toEqual(['/oauth/token']);

  const wrong = (await oauthClient({ clientSecret: 'cs_wrong', maxRetries: 0 })
    .users.me()
    .catch((e: unknown) => e)) as AuthenticationError;
  expect(wrong).toBeInstanceOf(AuthenticationError);
  expect(wrong.status).toBe(401);
  expect(wrong.error).toBe('invalid_client');
});
