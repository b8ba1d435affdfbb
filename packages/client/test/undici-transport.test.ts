/**
 * What `undiciTransport()` adds over the shared behaviour suite (which the `undici` project runs
 * on it): a keep-alive pool with a connection cap, `close()` and `Symbol.asyncDispose`, a
 * dispatcher of your own, bodies other than JSON, and no credential in `util.inspect`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import { Agent as Undici6Agent } from 'undici-v6';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { APIConnectionError, APIUserAbortError, RegenClient } from '../src/index.ts';
import { undiciTransport } from '../src/node.ts';
import { TEST_KEY } from './support/client.ts';

interface Seen {
  socket: number;
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let url: string;
const seen: Seen[] = [];
const sockets = new Map<Socket, number>();
/** Ids of the sockets still open. */
const live = new Set<number>();
let delayMs = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        socket: sockets.get(req.socket) ?? -1,
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      setTimeout(() => {
        const text = JSON.stringify({ success: true, data: { id: 'ord_1' } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }, delayMs);
    });
  });
  server.on('connection', (s: Socket) => {
    const id = sockets.size;
    sockets.set(s, id);
    live.add(id);
    s.on('close', () => live.delete(id));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
  delayMs = 0;
});

const client = (transport: ReturnType<typeof undiciTransport>) =>
  new RegenClient({ apiKey: TEST_KEY, baseUrl: url, transport, logLevel: 'off' });

test('sequential calls reuse kept-alive sockets', async () => {
  const transport = undiciTransport();
  const regen = client(transport);
  for (let i = 0; i < 10; i++) await regen.orders.retrieve('ord_1');
  // undici's pool may open a second socket while the first is still being released, never more.
  expect(new Set(seen.map((s) => s.socket)).size).toBeLessThanOrEqual(2);
  await transport.close();
  const single = undiciTransport({ connections: 1 });
  seen.length = 0;
  for (let i = 0; i < 10; i++) await client(single).orders.retrieve('ord_1');
  expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  await single.close();
});

test('connections caps the sockets per origin; close() closes them', async () => {
  const transport = undiciTransport({ connections: 2 });
  const regen = client(transport);
  delayMs = 30;
  await Promise.all(Array.from({ length: 8 }, () => regen.orders.retrieve('ord_1')));
  expect(seen).toHaveLength(8);
  const used = [...new Set(seen.map((s) => s.socket))];
  expect(used).toHaveLength(2);
  expect(used.every((id) => live.has(id))).toBe(true);
  await transport.close();
  await new Promise((r) => setTimeout(r, 50));
  expect(used.some((id) => live.has(id))).toBe(false);
  // A closed pool sends nothing: the call fails as a connection error, typed like any other.
  await expect(regen.orders.retrieve('ord_1', { maxRetries: 0 })).rejects.toBeInstanceOf(APIConnectionError);
  expect(seen).toHaveLength(8);
});

test('an abort while the call waits for a pooled socket rejects at once and never reaches the server', async () => {
  const transport = undiciTransport({ connections: 1 });
  const regen = client(transport);
  delayMs = 1000;
  const first = regen.orders.retrieve('ord_1');
  const controller = new AbortController();
  const queued = regen.orders.retrieve('ord_2', { signal: controller.signal, maxRetries: 0 });
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  controller.abort();
  await expect(queued).rejects.toBeInstanceOf(APIUserAbortError);
  // Not held until the socket is free (about 950 ms later).
  expect(Date.now() - started).toBeLessThan(500);
  await first;
  await new Promise((r) => setTimeout(r, 50));
  expect(seen.map((s) => s.url)).toEqual(['/api/v1/orders/ord_1']);
  await transport.close();
});

test('Symbol.asyncDispose closes the pool like close()', async () => {
  const transport = undiciTransport();
  await client(transport).orders.retrieve('ord_1');
  await transport[Symbol.asyncDispose]();
  expect((transport.dispatcher as Agent).closed).toBe(true);
});

test('a dispatcher of your own is used and left open by close()', async () => {
  const agent = new Agent({ connections: 1 });
  const transport = undiciTransport({ dispatcher: agent });
  expect(transport.dispatcher).toBe(agent);
  await client(transport).orders.retrieve('ord_1');
  await transport.close();
  expect(agent.closed).toBe(false);
  await client(transport).orders.retrieve('ord_1');
  expect(seen).toHaveLength(2);
  await agent.close();
});

test('a dispatcher made by undici 6 answers, reads headers and aborts a queued call like undici 7', async () => {
  const agent = new Undici6Agent({ connections: 1 });
  // undici 6's types differ from 7's; at run time the transport speaks both handler APIs.
  const transport = undiciTransport({ dispatcher: agent as unknown as Dispatcher });
  const regen = client(transport);
  const { data, response } = await regen.orders.retrieve('ord_1').withResponse();
  expect(data.id).toBe('ord_1');
  expect(response.headers.get('content-type')).toBe('application/json');
  delayMs = 1000;
  const first = regen.orders.retrieve('ord_1');
  const controller = new AbortController();
  const queued = regen.orders.retrieve('ord_2', { signal: controller.signal, maxRetries: 0 });
  await new Promise((r) => setTimeout(r, 50));
  controller.abort();
  await expect(queued).rejects.toBeInstanceOf(APIUserAbortError);
  await first;
  expect(seen.map((s) => s.url)).toEqual(['/api/v1/orders/ord_1', '/api/v1/orders/ord_1']);
  await agent.close();
});

test('form, bytes and stream bodies arrive as fetch would send them', async () => {
  const transport = undiciTransport();
  const regen = client(transport);
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: 'read:orders' });
  await regen.POST('/oauth/token', { body: form as never });
  await regen.POST('/oauth/token', { body: new TextEncoder().encode('a=1') as never });
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('chunk-1,'));
      c.enqueue(new TextEncoder().encode('chunk-2'));
      c.close();
    },
  });
  await regen.POST('/oauth/token', { body: stream as never });
  expect(seen.map(({ contentType, body }) => ({ contentType, body }))).toEqual([
    {
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'grant_type=client_credentials&scope=read%3Aorders',
    },
    { contentType: undefined, body: 'a=1' },
    { contentType: undefined, body: 'chunk-1,chunk-2' },
  ]);
  await transport.close();
});

test('a streamed body that cannot be sent fails the call, not the process', async () => {
  // A port nothing listens on: listen, note it, close.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', record);
  try {
    const transport = undiciTransport();
    const refused = new RegenClient({
      apiKey: TEST_KEY,
      baseUrl: `http://127.0.0.1:${closedPort}`,
      transport,
      logLevel: 'off',
      maxRetries: 0,
    });
    const send = () => refused.POST('/oauth/token', { body: new Blob(['a=1']) as never });
    await expect(send()).rejects.toBeInstanceOf(APIConnectionError);
    await transport.close();
    await expect(send()).rejects.toBeInstanceOf(APIConnectionError);
    await new Promise((r) => setTimeout(r, 100));
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', record);
  }
});

test('util.inspect of the transport and the client shows no credential, even mid-request', async () => {
  const transport = undiciTransport();
  const regen = client(transport);
  delayMs = 100;
  const pending = regen.orders.retrieve('ord_1');
  await new Promise((r) => setTimeout(r, 30));
  for (const shown of [inspect(transport, { depth: 10 }), inspect(regen, { depth: 10 })]) {
    expect(shown).not.toContain(TEST_KEY);
  }
  expect(inspect(transport)).toBe('UndiciTransport { ownPool: true }');
  await pending;
  await transport.close();
});
