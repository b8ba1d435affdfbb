/** Authorization code + PKCE helpers (the contract's `OAuth2` scheme; RFC 7636), over real HTTP for the token endpoint. */
import { expect, test } from 'vitest';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RegenClient,
  RegenError,
} from '../src/index.ts';
import {
  buildAuthorizeUrl,
  computeCodeChallenge,
  createAuthorizationRequest,
  createPkcePair,
  exchangeCode,
  generateCodeVerifier,
  oauthRefresher,
  parseCallback,
} from '../src/oauth.ts';
import { makeJwt } from './support/jwt.ts';
import { useTestServer } from './support/server.ts';
import { transportOptions } from './support/transport.ts';

const server = useTestServer();

test('S256 challenge matches RFC 7636 Appendix B', async () => {
  expect(await computeCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  );
});

test('verifiers are 43–128 unreserved characters and unique', async () => {
  const v = generateCodeVerifier();
  expect(v).toMatch(/^[A-Za-z0-9._~-]{64}$/);
  expect(generateCodeVerifier(43)).toHaveLength(43);
  expect(() => generateCodeVerifier(42)).toThrow(RangeError);
  expect(generateCodeVerifier()).not.toBe(v);
  const pair = await createPkcePair();
  expect(pair.codeChallenge).toBe(await computeCodeChallenge(pair.codeVerifier));
  expect(pair.codeChallengeMethod).toBe('S256');
});

test('authorize URL carries every RFC 6749 §4.1.1 / RFC 7636 §4.3 parameter', () => {
  const url = new URL(
    buildAuthorizeUrl({
      baseUrl: 'https://gateway.regentherapy.com/',
      clientId: 'cli_1',
      redirectUri: 'https://app.example.com/cb',
      scopes: ['read:orders', 'write:orders'],
      state: 'st',
      codeChallenge: 'ch',
    }),
  );
  expect(url.origin + url.pathname).toBe('https://gateway.regentherapy.com/oauth/authorize');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: 'cli_1',
    redirect_uri: 'https://app.example.com/cb',
    scope: 'read:orders write:orders',
    state: 'st',
    code_challenge: 'ch',
    code_challenge_method: 'S256',
  });
});

test('createAuthorizationRequest + parseCallback: state is generated and checked', async () => {
  const req = await createAuthorizationRequest({
    clientId: 'cli_1',
    redirectUri: 'https://app.example.com/cb',
  });
  const url = new URL(req.url);
  expect(url.searchParams.get('state')).toBe(req.state);
  expect(url.searchParams.get('code_challenge')).toBe(await computeCodeChallenge(req.codeVerifier));
  expect(parseCallback(`https://app.example.com/cb?code=ac_1&state=${req.state}`, req.state)).toEqual({
    code: 'ac_1',
  });
  expect(() => parseCallback('https://app.example.com/cb?code=ac_1&state=evil', req.state)).toThrow(/CSRF/);
  expect(() =>
    parseCallback(`https://app.example.com/cb?error=access_denied&state=${req.state}`, req.state),
  ).toThrow(/access_denied/);
});

test('exchangeCode posts the RFC 6749 §4.1.3 form and returns the tokens', async () => {
  server.handle((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        access_token: 'at_1',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'rt_1',
        scope: 'read:orders',
      }),
    );
  });
  const tokens = await exchangeCode({
    baseUrl: server.url,
    clientId: 'cli_1',
    code: 'ac_1',
    redirectUri: 'http://127.0.0.1/cb',
    codeVerifier: 'v'.repeat(43),
  });
  expect(tokens).toMatchObject({ access_token: 'at_1', refresh_token: 'rt_1' });
  expect(Object.fromEntries(new URLSearchParams(server.requests[0]?.body))).toEqual({
    grant_type: 'authorization_code',
    code: 'ac_1',
    redirect_uri: 'http://127.0.0.1/cb',
    code_verifier: 'v'.repeat(43),
    client_id: 'cli_1',
  });
});

test('exchangeCode errors keep error / error_description and hide the code and verifier', async () => {
  const verifier = 'secretverifier'.repeat(4);
  server.handle((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: 'invalid_grant',
        error_description: `code ac_secret_code / ${verifier} is spent`,
      }),
    );
  });
  const error = (await exchangeCode({
    baseUrl: server.url,
    clientId: 'c',
    code: 'ac_secret_code',
    redirectUri: 'http://127.0.0.1/cb',
    codeVerifier: verifier,
  }).catch((e: unknown) => e)) as AuthenticationError;
  // A spent code means "authorize again": AuthenticationError and nothing else; the status stays 400.
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).not.toBeInstanceOf(BadRequestError);
  expect(error.status).toBe(400);
  expect(error.error).toBe('invalid_grant');
  expect(JSON.stringify(error)).not.toContain('ac_secret_code');
  expect(error.message).not.toContain(verifier);
});

test('exchangeCode refuses plain http to a remote host', async () => {
  await expect(
    exchangeCode({
      baseUrl: 'http://auth.example.com',
      clientId: 'c',
      code: 'x',
      redirectUri: 'y',
      codeVerifier: 'z',
    }),
  ).rejects.toThrow(RegenError);
});

test('oauthRefresher renews authorization-code tokens at /oauth/token', async () => {
  let current = makeJwt(-5);
  server.handle((req, res, body) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth/token') {
      expect(new URLSearchParams(body).get('grant_type')).toBe('refresh_token');
      current = makeJwt(3600);
      return res.end(
        JSON.stringify({
          access_token: current,
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: 'rt_2',
        }),
      );
    }
    return res.end(
      JSON.stringify({ success: true, data: { ok: req.headers.authorization === `Bearer ${current}` } }),
    );
  });
  const client = new RegenClient({
    ...transportOptions(),
    baseUrl: server.url,
    accessToken: current,
    refreshToken: 'rt_1',
    refresh: oauthRefresher({ baseUrl: server.url, clientId: 'cli_1' }),
  });
  await expect(client.users.me()).resolves.toEqual({ ok: true });
  expect(server.requests.map((r) => r.url)).toEqual(['/oauth/token', '/api/v1/users/me']);
});

test('oauthRefresher: a revoked refresh token (400 invalid_grant) fails the call with AuthenticationError', async () => {
  server.handle((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/oauth/token') {
      res.statusCode = 400;
      return res.end(
        JSON.stringify({ error: 'invalid_grant', error_description: 'Refresh token revoked or expired' }),
      );
    }
    res.statusCode = 401;
    return res.end(JSON.stringify({ success: false, error: { code: 'invalid_token', message: 'expired' } }));
  });
  const client = new RegenClient({
    ...transportOptions(),
    baseUrl: server.url,
    accessToken: makeJwt(-5),
    refreshToken: 'rt_revoked',
    refresh: oauthRefresher({ baseUrl: server.url, clientId: 'cli_1' }),
    maxRetries: 0,
    logLevel: 'off',
  });
  const error = (await client.users.me().catch((e: unknown) => e)) as AuthenticationError;
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error.status).toBe(400);
  expect(error.error).toBe('invalid_grant');
  expect(error.error_description).toBe('Refresh token revoked or expired');
  expect(error.code).toBe('invalid_grant');
  expect(JSON.stringify(error)).not.toContain('rt_revoked');
  expect(server.requests.map((r) => r.url)).toEqual(['/oauth/token']);
});

test('a code exchange is sent once, never retried: codes are single-use (RFC 6749 §4.1.2)', async () => {
  server.handle((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, error: { code: 'service_unavailable', message: 'busy' } }));
  });
  const client = new RegenClient({
    ...transportOptions(),
    apiKey: 'rg_test_Abcdefghijklmnopqrstuvwxyz012345',
    baseUrl: server.url,
    maxRetries: 3,
    logLevel: 'off',
  });
  const viaClient = await client.oauth
    .token({
      grant_type: 'authorization_code',
      code: 'ac_single_use',
      redirect_uri: 'http://127.0.0.1/cb',
      code_verifier: 'v'.repeat(43),
      client_id: 'cli_1',
    })
    .catch((e: unknown) => e);
  expect(viaClient).toBeInstanceOf(InternalServerError);
  const viaHelper = await exchangeCode({
    baseUrl: server.url,
    clientId: 'cli_1',
    code: 'ac_single_use',
    redirectUri: 'http://127.0.0.1/cb',
    codeVerifier: 'v'.repeat(43),
  }).catch((e: unknown) => e);
  expect(viaHelper).toBeInstanceOf(InternalServerError);
  expect(server.requests.map((r) => r.url)).toEqual(['/oauth/token', '/oauth/token']);
});

test('a token endpoint answering 200 with something that is not JSON throws APIConnectionError', async () => {
  server.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"access_token":');
  });
  const error = await exchangeCode({
    baseUrl: server.url,
    clientId: 'cli_1',
    code: 'ac_secret_code',
    redirectUri: 'http://127.0.0.1/cb',
    codeVerifier: 'v'.repeat(43),
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect((error as Error).message).toBe(`Invalid JSON in response to POST ${server.url}/oauth/token`);
});
