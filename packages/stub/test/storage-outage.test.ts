/**
 * Redis or PostgreSQL going away while the stub serves: 503 `service_unavailable` with
 * `Retry-After`, never a wrong answer, and service resumes when they return.
 * The test runs its own redis-server, and reaches PostgreSQL through a TCP relay it can cut.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Instance, startInstance } from './support/cluster.ts';
import { createSandboxStores, SHARED } from './support/shared-stores.ts';
import { ADMIN_KEY, Client, eventually, sleep } from './support/stub.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP relay from a local port to `target`; `cut()` drops every connection and stops listening. */
function relay(port: number, target: { host: string; port: number }) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    async open() {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    },
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve(child);
    });
  });
}

describe.skipIf(SHARED.skip)('PostgreSQL or Redis going away', () => {
  let stores: ReturnType<typeof createSandboxStores>;
  let redisPort: number;
  let redis: ChildProcess | undefined;
  let pg: ReturnType<typeof relay>;
  let stub: Instance;
  let client: Client;

  beforeAll(async () => {
    stores = createSandboxStores();
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const target = new URL(stores.databaseUrl);
    const pgPort = await freePort();
    pg = relay(pgPort, { host: target.hostname, port: Number(target.port || 5432) });
    await pg.open();
    const via = new URL(stores.databaseUrl);
    via.port = String(pgPort);
    stub = await startInstance([
      '--database-url',
      via.toString(),
      '--redis-url',
      `redis://127.0.0.1:${redisPort}`,
      '--admin-key',
      ADMIN_KEY,
      '--rate-limits',
      'standard=1000000/1h,burst=1000000/1m,write=1000000/1h',
      '--log-level',
      'error',
    ]);
    client = new Client(stub.url);
  }, 120_000);

  afterAll(async () => {
    await stub?.stop();
    redis?.kill('SIGKILL');
    await pg?.cut();
    stores?.drop();
  });

  const product = (n: string) => ({
    name: `Outage ${n}`,
    sku: `OUTAGE-${n}`,
    price: { amount: 100, currency: 'USD' },
  });

  it('answers 503 with Retry-After while Redis is down (nothing admitted), and resumes when it returns', async () => {
    expect((await client.get('/api/v1/products?limit=1')).status).toBe(200);
    redis?.kill('SIGKILL');
    await sleep(200);
    for (const reply of [
      await client.get('/api/v1/products?limit=1'),
      await client.post('/api/v1/products', product('R1')),
      await client.get('/api/v1/products?limit=1', { key: null }),
    ]) {
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('service_unavailable');
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    redis = await startRedis(redisPort);
    await eventually(
      async () => ((await client.get('/api/v1/products?limit=1')).status === 200 ? true : undefined),
      10_000,
    );
    expect((await client.post('/api/v1/products', product('R2'))).status).toBe(201);
  });

  it('answers 503 with Retry-After to writes while PostgreSQL is away, and resumes when it returns', async () => {
    await pg.cut();
    const reply = await client.post('/api/v1/products', product('P1'));
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('service_unavailable');
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    await pg.open();
    const created = await eventually(async () => {
      const r = await client.post('/api/v1/products', product('P2'));
      return r.status === 201 ? r : undefined;
    }, 10_000);
    expect((await client.get(`/api/v1/products/${created.body.data.id}`)).status).toBe(200);
    // The refused write left nothing behind.
    const list = await client.get('/api/v1/products?limit=100');
    expect(list.body.data.some((p: { sku: string }) => p.sku === 'OUTAGE-P1')).toBe(false);
  });
});
