/**
 * A client that disconnects while sending its body is not a server error: the stub logs it at
 * info level as `client closed request` with status 499 (nginx's convention), never an error line
 * nor a 500 — in its logs or in the account's request log. Raw sockets: a chunked POST, part of a
 * chunk, then the socket is destroyed.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkceChallenge, type StubServer } from '../src/index.ts';
import { ADMIN_KEY, Client, eventually, sleep, startTestStub } from './support/stub.ts';

interface Line {
  readonly level: string;
  readonly msg: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly path?: string;
  readonly [field: string]: unknown;
}

let stub: StubServer;
const lines: Line[] = [];

beforeAll(async () => {
  stub = await startTestStub({
    logLevel: 'debug',
    logSink: (line) => lines.push(JSON.parse(line) as Line),
  });
});
afterAll(async () => {
  await stub?.close();
  expect(stub?.violations ?? []).toEqual([]);
});

/** Sends the head of a chunked POST and part of its first chunk, waits, then destroys the socket. */
async function abortMidBody(path: string, headers: Record<string, string>, partial: string): Promise<void> {
  const { hostname, port } = new URL(stub.url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const head = Object.entries({ ...headers, host: `${hostname}:${port}`, 'transfer-encoding': 'chunked' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  // The chunk announces 0x40 bytes; fewer are sent.
  socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n40\r\n${partial}`);
  // Long enough for the stub to authenticate, admit the request and start reading the body.
  await sleep(150);
  socket.destroy();
}

const closedLine = (path: string) =>
  eventually(() => lines.find((l) => l.msg === 'client closed request' && l.path === path));

function expectNoErrorNor500(): void {
  expect(lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  expect(lines.filter((l) => l.status === 500)).toEqual([]);
}

describe('a client that disconnects mid-body', () => {
  it('an operation with a credential: info `client closed request`, 499, recorded as 499', async () => {
    await abortMidBody(
      '/api/v1/orders',
      { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
      '{"customerId":"cus_',
    );
    const closed = await closedLine('/api/v1/orders');
    expect(closed).toMatchObject({ level: 'info', status: 499, operationId: 'createOrder' });
    const request = await eventually(() =>
      lines.find((l) => l.msg === 'request' && l.requestId === closed.requestId),
    );
    expect(request).toMatchObject({ level: 'debug', status: 499, method: 'POST', path: '/api/v1/orders' });
    // The account's request log keeps it as 499, never 500.
    const logged = await eventually(async () => {
      const reply = await new Client(stub.url).get('/api/v1/usage/requests?limit=100');
      expect(reply.status, reply.text).toBe(200);
      return (reply.body.data as { requestId: string; status: number }[]).find(
        (e) => e.requestId === closed.requestId,
      );
    });
    expect(logged.status).toBe(499);
    expectNoErrorNor500();
  });

  it('without a credential (login) and on the consent form: the same', async () => {
    await abortMidBody('/api/auth/login', { 'content-type': 'application/json' }, '{"email":"demo@');
    expect(await closedLine('/api/auth/login')).toMatchObject({ level: 'info', status: 499 });
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_regen_demo',
      redirect_uri: 'http://127.0.0.1:9/cb',
      code_challenge_method: 'S256',
      code_challenge: pkceChallenge('v'.repeat(43)),
      state: 's',
    });
    await abortMidBody(
      `/oauth/consent?${query}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      'email=demo%40regen.test&pass',
    );
    expect(await closedLine('/oauth/consent')).toMatchObject({ level: 'info', status: 499 });
    expectNoErrorNor500();
    // The stub still answers.
    expect((await new Client(stub.url).get('/api/health', { key: null })).status).toBe(200);
  });
});
