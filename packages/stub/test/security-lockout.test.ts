/**
 * The failed-authentication budget is no lockout weapon (the contract's "Security",
 * "Failed-authentication budget"): guessing stays bounded per address and per account, but a
 * spent account budget refuses only addresses that never signed in successfully to it, so the
 * owner keeps signing in from a known address while an attacker fails from another. Client
 * addresses differ by binding the client socket to another loopback address (the stub listens on
 * 127.0.0.1 and sees the socket's remote address). Run on the in-memory stub and on two
 * PostgreSQL + Redis instances (requests alternate between them) when the shared stores are set.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkceChallenge, type StubServer } from '../src/index.ts';
import { useSharedCluster } from './support/shared-cluster.ts';
import { SHARED } from './support/shared-stores.ts';
import { HIGH_LIMITS, startTestStub } from './support/stub.ts';

const LIMITS = `${HIGH_LIMITS.replace(/,?auth=[^,]*/, '')},auth=3/15m`;
const PASSWORD = 'regen-demo-password';
const user = (local: string) => `${local}@regen.test`;

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** Where requests go: one URL, or the next instance of several on each call. */
type Target = () => string;

function send(
  base: string,
  localAddress: string,
  path: string,
  contentType: string,
  body: string,
): Promise<Reply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        localAddress,
        method: 'POST',
        path: url.pathname + url.search,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = (to: Target, from: string, email: string, password: string) =>
  send(to(), from, '/api/auth/login', 'application/json', JSON.stringify({ email, password }));

const clientToken = (to: Target, from: string, clientId: string, secret: string) =>
  send(
    to(),
    from,
    '/oauth/token',
    'application/x-www-form-urlencoded',
    new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    }).toString(),
  );

const revoke = (to: Target, from: string, clientId: string, secret: string) =>
  send(
    to(),
    from,
    '/oauth/revoke',
    'application/x-www-form-urlencoded',
    new URLSearchParams({ token: 'not-a-token', client_id: clientId, client_secret: secret }).toString(),
  );

const authorizeQuery = new URLSearchParams({
  response_type: 'code',
  client_id: 'cli_regen_demo',
  redirect_uri: 'http://127.0.0.1:9/cb',
  code_challenge_method: 'S256',
  code_challenge: pkceChallenge('v'.repeat(43)),
  state: 's',
}).toString();

const consent = (to: Target, from: string, email: string, password: string) =>
  send(
    to(),
    from,
    `/oauth/consent?${authorizeQuery}`,
    'application/x-www-form-urlencoded',
    new URLSearchParams({ email, password, decision: 'approve' }).toString(),
  );

function expectRefused(reply: Reply): void {
  expect(reply.status).toBe(429);
  expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
}

const statusesOf = async (replies: Promise<Reply>[]) => (await Promise.all(replies)).map((r) => r.status);

/** The same cases against any deployment; `target` picks the instance of each request. */
function lockoutCases(target: () => Target): void {
  it('guessing stays bounded: an address after its budget, a new address after the account budget', async () => {
    const to = target();
    const victim = user('member');
    for (let i = 0; i < 3; i++) expect((await login(to, '127.0.0.2', victim, `wrong-${i}`)).status).toBe(401);
    // The address budget is spent: refused before the password is checked, even the right one.
    const spent = await login(to, '127.0.0.2', victim, PASSWORD);
    expectRefused(spent);
    expect(JSON.parse(spent.text).error.code).toBe('rate_limit_exceeded');
    expect((await login(to, '127.0.0.2', user('viewer'), PASSWORD)).status).toBe(429);
    // The account budget is spent too, and 127.0.0.3 never signed in to it: refused, right password or not.
    expectRefused(await login(to, '127.0.0.3', victim, PASSWORD));
    expectRefused(await login(to, '127.0.0.3', victim, 'wrong-again'));
    // Only that account: 127.0.0.3's own budget is whole.
    expect((await login(to, '127.0.0.3', user('viewer'), PASSWORD)).status).toBe(200);
  });

  it('the owner keeps signing in from a known address while an attacker fails from another', async () => {
    const to = target();
    const owner = user('admin');
    expect((await login(to, '127.0.0.4', owner, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(to, '127.0.0.5', owner, `guess-${i}`)).status).toBe(401);
    expectRefused(await login(to, '127.0.0.5', owner, `guess-3`));
    expectRefused(await login(to, '127.0.0.6', owner, PASSWORD));
    // While the attacker keeps failing, the owner's known address signs in (login and consent form).
    const [attacker, ownerLogin, ownerConsent] = await Promise.all([
      login(to, '127.0.0.5', owner, 'guess-4'),
      login(to, '127.0.0.4', owner, PASSWORD),
      consent(to, '127.0.0.4', owner, PASSWORD),
    ]);
    expect(attacker.status).toBe(429);
    expect(ownerLogin.status).toBe(200);
    expect(ownerConsent.status).toBe(302);
    expect(ownerConsent.headers.location).toMatch(/[?&]code=/);
    expectRefused(await consent(to, '127.0.0.6', owner, PASSWORD));
    // The known address keeps its own budget: a typo is a 401, not a lockout; then it is bounded too.
    expect((await login(to, '127.0.0.4', owner, 'typo')).status).toBe(401);
    expect((await login(to, '127.0.0.4', owner, PASSWORD)).status).toBe(200);
    expect(await statusesOf([1, 2].map((i) => login(to, '127.0.0.4', owner, `typo-${i}`)))).toEqual([
      401, 401,
    ]);
    expectRefused(await login(to, '127.0.0.4', owner, PASSWORD));
  });

  it('the same for an OAuth client id at /oauth/token and /oauth/revoke', async () => {
    const to = target();
    const [id, secret] = ['cli_northwind_demo', 'cs_northwind_demo_secret'];
    expect((await clientToken(to, '127.0.0.7', id, secret)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await clientToken(to, '127.0.0.8', id, `wrong-${i}`)).status).toBe(401);
    expectRefused(await clientToken(to, '127.0.0.8', id, secret));
    expectRefused(await clientToken(to, '127.0.0.9', id, secret));
    expectRefused(await revoke(to, '127.0.0.9', id, secret));
    expect((await clientToken(to, '127.0.0.7', id, secret)).status).toBe(200);
    expect((await revoke(to, '127.0.0.7', id, secret)).status).toBe(200);
  });

  it('a success counts against neither budget', async () => {
    const to = target();
    for (let i = 0; i < 5; i++)
      expect((await login(to, '127.0.0.10', user('viewer'), PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await login(to, '127.0.0.10', user('viewer'), `no-${i}`)).status).toBe(401);
    expectRefused(await login(to, '127.0.0.10', user('viewer'), PASSWORD));
  });
}

describe('failed-sign-in budget, in memory', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await startTestStub({ rateLimits: LIMITS });
  });
  afterAll(async () => {
    await stub?.close();
    expect(stub?.violations ?? []).toEqual([]);
  });
  lockoutCases(() => () => stub.url);
});

describe.skipIf(SHARED.skip)('failed-sign-in budget, PostgreSQL + Redis, two instances', () => {
  const shared = useSharedCluster(['--rate-limits', LIMITS, '--log-level', 'warn'], 2);
  // Straight to the instances (the proxy would hide the client address), alternating between them.
  lockoutCases(() => {
    let next = 0;
    return () => {
      const { instances } = shared.cluster;
      return (instances[next++ % instances.length] as { url: string }).url;
    };
  });
});
