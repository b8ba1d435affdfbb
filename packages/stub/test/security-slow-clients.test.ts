import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/config/cli-args.ts';
import { useStub } from './support/stub.ts';

const ctx = useStub({ headersTimeout: '1s', requestTimeout: '2s', keepAliveTimeout: '1s' });

/** Opens a connection, writes `data` and never finishes; resolves with when and how it was closed. */
function stall(data: string): Promise<{ socket: Socket; closed: Promise<{ ms: number; reply: string }> }> {
  const { port } = new URL(ctx.stub.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const started = Date.now();
      let reply = '';
      socket.on('data', (chunk) => {
        reply += chunk.toString('latin1');
      });
      const closed = new Promise<{ ms: number; reply: string }>((done) =>
        socket.on('close', () => done({ ms: Date.now() - started, reply })),
      );
      socket.write(data);
      resolve({ socket, closed });
    });
    socket.on('error', () => {}); // a reset after the 408 is fine
    socket.once('error', reject);
  });
}

// Slow clients: with node's defaults (60 s / 300 s) forty partial requests stayed open past 12 s.
describe('slow clients are cut off in the configured time while others are served', () => {
  it('a request whose headers never end is closed after --headers-timeout', async () => {
    const stalled = await Promise.all(
      Array.from({ length: 20 }, () => stall('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1')),
    );
    // Others are served meanwhile, promptly.
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect((await ctx.client.get('/api/v1/products?limit=1')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(900);
    const results = await Promise.all(stalled.map((s) => s.closed));
    for (const { ms, reply } of results) {
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(2500);
      if (reply !== '') expect(reply).toMatch(/^HTTP\/1\.1 408/);
    }
  });

  it('a request whose body never ends is closed after --request-timeout', async () => {
    const { closed } = await stall(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    const { ms } = await closed;
    expect(ms).toBeGreaterThanOrEqual(1800);
    expect(ms).toBeLessThan(4000);
    expect((await ctx.client.get('/api/v1/products?limit=1')).status).toBe(200);
  });

  it('an idle keep-alive connection is closed after --keep-alive-timeout', async () => {
    const { closed } = await stall('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const { ms, reply } = await closed;
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3000);
  });

  it('the three timeouts are flags', () => {
    const { options } = parseArgs([
      '--headers-timeout',
      '5s',
      '--request-timeout=20s',
      '--keep-alive-timeout',
      '2s',
    ]);
    expect(options).toMatchObject({ headersTimeout: '5s', requestTimeout: '20s', keepAliveTimeout: '2s' });
  });
});
