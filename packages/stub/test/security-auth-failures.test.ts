import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { pkceChallenge } from '../src/index.ts';
import { HIGH_LIMITS, useStub } from './support/stub.ts';

const options = { rateLimits: `${HIGH_LIMITS},auth=3/1m` };
const consentOnly = useStub(options);
const shared = useStub(options);
const perAccount = useStub(options);

type Ctx = typeof consentOnly;

const authorizeQuery = () =>
  new URLSearchParams({
    response_type: 'code',
    client_id: 'cli_regen_demo',
    redirect_uri: 'http://127.0.0.1:9/cb',
    code_challenge_method: 'S256',
    code_challenge: pkceChallenge('v'.repeat(43)),
    state: 's',
  }).toString();

async function consent(ctx: Ctx, email: string, password: string) {
  return fetch(`${ctx.stub.url}/oauth/consent?${authorizeQuery()}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, decision: 'approve' }).toString(),
  });
}

async function login(ctx: Ctx, email: string, password: string) {
  return ctx.client.post('/api/auth/login', { email, password }, { key: null });
}

async function clientToken(ctx: Ctx, secret: string) {
  return ctx.client.call('POST', '/oauth/token', {
    key: null,
    rawBody: `grant_type=client_credentials&client_id=cli_regen_demo&client_secret=${secret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** A login sent from another loopback address (127.0.0.2), i.e. another client address. */
function loginFrom(ctx: Ctx, localAddress: string, email: string, password: string): Promise<number> {
  const { port } = new URL(ctx.stub.url);
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// The contract's "Failed-authentication budget": every password and client-secret check draws on it,
// the consent form included (it once accepted unlimited wrong passwords, then issued a code).
describe('one failed-authentication budget for every password and client-secret check', () => {
  it('the consent form: wrong passwords exhaust it, then even the right one gets 429 and no code', async () => {
    await consentOnly.stub.ready;
    const { email, password } = consentOnly.stub.demoUser;
    for (let i = 0; i < 3; i++) expect((await consent(consentOnly, email, `wrong-${i}`)).status).toBe(401);
    const refused = await consent(consentOnly, email, password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('location')).toBeNull();
  });

  it('failures on login, /oauth/token and the consent form count against one budget per address', async () => {
    await shared.stub.ready;
    const { email, password } = shared.stub.demoUser;
    const other = email.replace(/^[^@]+/, 'member');
    expect((await login(shared, other, 'wrong')).status).toBe(401);
    expect((await clientToken(shared, 'wrong-secret')).status).toBe(401);
    expect((await consent(shared, email.replace(/^[^@]+/, 'viewer'), 'wrong')).status).toBe(401);
    const loginRefused = await login(shared, email, password);
    expect(loginRefused.status).toBe(429);
    expect(loginRefused.body.error.code).toBe('rate_limit_exceeded');
    expect(Number(loginRefused.headers.get('retry-after'))).toBeGreaterThan(0);
    const tokenRefused = await clientToken(shared, 'cs_regen_demo_secret');
    expect(tokenRefused.status).toBe(429);
    expect(tokenRefused.body.error.code).toBe('rate_limit_exceeded');
    expect((await consent(shared, email, password)).status).toBe(429);
  });

  // Addresses that signed in to the account before keep their own budget: test/security-lockout.test.ts.
  it('and one per account: guesses from other addresses refuse new addresses on that account, not the others', async () => {
    await perAccount.stub.ready;
    const { email, password } = perAccount.stub.demoUser;
    for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      expect(await loginFrom(perAccount, address, email, 'wrong')).toBe(401);
    }
    expect((await login(perAccount, email, password)).status).toBe(429);
    expect((await login(perAccount, email.replace(/^[^@]+/, 'admin'), password)).status).toBe(200);
    // A success does not count: the right password keeps working for another account.
    for (let i = 0; i < 4; i++) {
      expect((await login(perAccount, email.replace(/^[^@]+/, 'member'), password)).status).toBe(200);
    }
  });
});
