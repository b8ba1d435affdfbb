/** Construction and credentials: API key forms, environment, refusals (no key, browser, plain http). */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { type ClientOptions, RegenClient, RegenError } from '../src/index.ts';
import { TEST_KEY } from './support/client.ts';
import { ok, startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.handle(ok({ id: 'usr_1' }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});
const saved = { key: process.env.REGEN_API_KEY, url: process.env.REGEN_BASE_URL };
afterEach(() => {
  if (saved.key === undefined) delete process.env.REGEN_API_KEY;
  else process.env.REGEN_API_KEY = saved.key;
  if (saved.url === undefined) delete process.env.REGEN_BASE_URL;
  else process.env.REGEN_BASE_URL = saved.url;
});

test('new RegenClient(apiKey) sends X-API-Key', async () => {
  process.env.REGEN_BASE_URL = server.url;
  await new RegenClient(TEST_KEY).users.me();
  expect(server.requests[0]?.headers['x-api-key']).toBe(TEST_KEY);
  expect(server.requests[0]?.headers.authorization).toBeUndefined();
});

test("authScheme: 'bearer' sends Authorization: Bearer", async () => {
  await new RegenClient({ apiKey: TEST_KEY, authScheme: 'bearer', baseUrl: server.url }).users.me();
  expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
});

test('REGEN_API_KEY and REGEN_BASE_URL are read when nothing is given', async () => {
  process.env.REGEN_API_KEY = TEST_KEY;
  process.env.REGEN_BASE_URL = `${server.url}/`;
  const client = new RegenClient();
  expect(client.baseUrl).toBe(server.url);
  await client.users.me();
  expect(server.requests[0]?.headers['x-api-key']).toBe(TEST_KEY);
});

test('no credential at all: a clear error at construction', () => {
  delete process.env.REGEN_API_KEY;
  expect(() => new RegenClient()).toThrow(RegenError);
  expect(() => new RegenClient()).toThrow(/REGEN_API_KEY/);
  expect(() => new RegenClient({ baseUrl: server.url })).toThrow(/No credentials/);
});

test('ambiguous or incomplete credentials are refused at run time too (JavaScript callers)', () => {
  // @ts-expect-error two kinds of credential do not compile; JavaScript gets the runtime check
  expect(() => new RegenClient({ apiKey: TEST_KEY, accessToken: 'x' })).toThrow(/exactly one/);
  // @ts-expect-error clientId without clientSecret does not compile
  expect(() => new RegenClient({ clientId: 'cli_1' })).toThrow(/clientSecret/);
  const js = {
    apiKey: TEST_KEY,
    clientId: 'cli_1',
    clientSecret: 'cs_secret_value',
  } as unknown as ClientOptions;
  expect(() => new RegenClient(js)).toThrow(/exactly one/);
});

test('defaultHeaders and per-call headers are sent; null removes one', async () => {
  const client = new RegenClient({
    apiKey: TEST_KEY,
    baseUrl: server.url,
    defaultHeaders: { 'X-Partner': 'acme', 'X-Other': 'o' },
  });
  await client.users.me({ headers: { 'X-Trace': 't1', 'x-other': null } });
  const h = server.requests[0]?.headers ?? {};
  expect(h['x-partner']).toBe('acme');
  expect(h['x-trace']).toBe('t1');
  expect(h['x-other']).toBeUndefined();
  expect(h.accept).toBe('application/json');
});

test('health sends the credential the client has (optional there, reported back by the API)', async () => {
  await new RegenClient({ apiKey: TEST_KEY, baseUrl: server.url }).health();
  await new RegenClient({ apiKey: TEST_KEY, authScheme: 'bearer', baseUrl: server.url }).health();
  await new RegenClient({ accessToken: 'at_live', baseUrl: server.url }).health();
  expect(server.requests.map((r) => r.url)).toEqual(['/api/health', '/api/health', '/api/health']);
  expect(server.requests[0]?.headers['x-api-key']).toBe(TEST_KEY);
  expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  expect(server.requests[2]?.headers.authorization).toBe('Bearer at_live');
});

test('health still works, without a credential, when a session has no usable token', async () => {
  const client = new RegenClient({ accessToken: 'at_live', baseUrl: server.url, logLevel: 'off' });
  await client.logout();
  server.requests.length = 0;
  await expect(client.health()).resolves.toEqual({ id: 'usr_1' });
  expect(server.requests[0]?.url).toBe('/api/health');
  expect(server.requests[0]?.headers.authorization).toBeUndefined();
  // Other calls still refuse to go out without one.
  await expect(client.users.me()).rejects.toThrow(/Logged out/);
});

test('login and token endpoints never carry the client credential', async () => {
  await new RegenClient({ apiKey: TEST_KEY, baseUrl: server.url }).POST('/api/auth/login', {
    body: { email: 'a@b.c', password: 'pw-123456' },
  });
  expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
});

test('plain http:// is refused for non-loopback hosts unless opted in', () => {
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'http://api.example.com' })).toThrow(
    /plain http/,
  );
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'http://10.0.0.5:4010' })).toThrow(/plain http/);
  expect(
    () => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'http://api.example.com', allowInsecureHttp: true }),
  ).not.toThrow();
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'http://localhost:4010' })).not.toThrow();
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'http://[::1]:4010' })).not.toThrow();
  expect(
    () => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'https://gateway.regentherapy.com' }),
  ).not.toThrow();
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'ftp://x' })).toThrow(/protocol/);
  expect(() => new RegenClient({ apiKey: TEST_KEY, baseUrl: 'not a url' })).toThrow(/Invalid baseUrl/);
});

test('the default base URL is the production gateway', () => {
  delete process.env.REGEN_BASE_URL;
  expect(new RegenClient(TEST_KEY).baseUrl).toBe('https://gateway.regentherapy.com');
});

test('in a browser, an API key or client secret needs dangerouslyAllowBrowser; tokens do not', () => {
  const g = globalThis as Record<string, unknown>;
  const had = { window: g.window, document: g.document };
  g.window = { document: {} };
  try {
    expect(() => new RegenClient({ apiKey: TEST_KEY })).toThrow(/browser/);
    expect(() => new RegenClient({ clientId: 'c', clientSecret: 'cs_secret' })).toThrow(/browser/);
    expect(() => new RegenClient({ apiKey: TEST_KEY, dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => new RegenClient({ accessToken: 'eyJ.x.y' })).not.toThrow();
  } finally {
    g.window = had.window;
  }
});

test('options are exposed read-only, with defaults', () => {
  const client = new RegenClient({ apiKey: TEST_KEY });
  expect(client.maxRetries).toBe(2);
  expect(client.maxRetryAfter).toBe(60_000);
  expect(client.timeout).toBeUndefined();
  expect(new RegenClient({ apiKey: TEST_KEY, timeout: 5000 }).timeout).toBe(5000);
});
