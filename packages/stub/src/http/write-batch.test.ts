import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WriteBatch } from './write-batch.ts';

let server: Server | undefined;

afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** What the batch reported as refused by node. */
const refused: unknown[] = [];

/** A server whose answers all go through one batch; `/bad` carries a header node refuses. */
function serve(): Promise<string> {
  refused.length = 0;
  const batch = new WriteBatch((error) => {
    refused.push(error);
    return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' };
  });
  const listening = createServer((req, res) => {
    const bad = req.url === '/bad';
    batch.add(res, 200, bad ? { 'x-echo': 'line\nbreak' } : { 'content-type': 'text/plain' }, req.url);
  });
  server = listening;
  return new Promise((resolve) =>
    listening.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`),
    ),
  );
}

function get(url: string): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('WriteBatch', () => {
  it('answers every request of a burst, each with its own body', async () => {
    const base = await serve();
    const paths = Array.from({ length: 20 }, (_, i) => `/item/${i}`);
    const answers = await Promise.all(paths.map((path) => get(base + path)));
    expect(answers).toEqual(paths.map((path) => ({ status: 200, body: path })));
  });

  it('answers a request whose answer node refuses to write with the fatal answer; the rest of the burst is written', async () => {
    const base = await serve();
    const [before, bad, after] = await Promise.all([get(`${base}/a`), get(`${base}/bad`), get(`${base}/b`)]);
    expect(bad).toEqual({ status: 500, body: 'internal error' });
    expect(refused).toHaveLength(1);
    expect(before).toEqual({ status: 200, body: '/a' });
    expect(after).toEqual({ status: 200, body: '/b' });
    // The server is still up for the next request.
    expect(await get(`${base}/c`)).toEqual({ status: 200, body: '/c' });
  });

  it('answers while a test suite fakes the timers', async () => {
    const base = await serve();
    vi.useFakeTimers();
    try {
      expect(await get(`${base}/faked`)).toEqual({ status: 200, body: '/faked' });
    } finally {
      vi.useRealTimers();
    }
  });
});
