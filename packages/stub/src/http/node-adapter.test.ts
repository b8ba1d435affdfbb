import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from './node-adapter.ts';

let server: Server | undefined;

afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

const NAMES = ['x-api-key', 'authorization', 'user-agent', 'origin', 'idempotency-key', 'accept-encoding'];

interface Seen {
  /** What the stub's request read for each name. */
  readonly stub: Record<string, string | undefined>;
  /** What node's own `req.headers` holds for it (joined as the stub joins a list). */
  readonly node: Record<string, string | undefined>;
}

/**
 * A server that answers, for each name, what the adapter's `header()` gave and what node's
 * `req.headers` says, read after the adapter so the two paths are independent.
 */
function serve(): Promise<number> {
  const seen = (headers: IncomingHttpHeaders, name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const adapter = toNodeListener(
    (request) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(NAMES.map((name) => [name, request.header(name) ?? null]))),
    }),
    () => ({ status: 500, headers: {}, body: '' }),
  );
  const listening = createServer((req, res) => {
    // The adapter reads first (its raw-list path), then node's object is built for the comparison.
    const end = res.end.bind(res);
    res.end = ((body: string) => {
      const stub = JSON.parse(body) as Record<string, string | null>;
      const node = Object.fromEntries(NAMES.map((name) => [name, seen(req.headers, name) ?? null]));
      return end(JSON.stringify({ stub, node }));
    }) as typeof res.end;
    adapter(req, res);
  });
  server = listening;
  return new Promise((resolve) =>
    listening.listen(0, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port)),
  );
}

/** Sends one request with exactly these header lines (names as written, repeats kept). */
function send(port: number, lines: readonly string[]): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('end', () => resolve(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Seen));
    socket.on('error', reject);
    socket.end(['GET / HTTP/1.1', 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n'));
  });
}

describe('toNodeListener: request headers', () => {
  it('reads each header as node does, whatever its case, and repeated ones by node’s rules', async () => {
    const port = await serve();
    const requests: readonly (readonly string[])[] = [
      ['X-API-Key: rg_test_one', 'User-Agent: regen-node/1.0'],
      ['x-api-key: rg_test_one', 'AUTHORIZATION: Bearer abc'],
      // Repeated: a singleton header keeps its first value, any other joins them.
      ['X-Api-Key: rg_test_one', 'x-api-key: rg_test_two'],
      ['Authorization: Bearer first', 'authorization: Bearer second'],
      ['User-Agent: a', 'user-agent: b', 'Origin: http://a.example', 'origin: http://b.example'],
      ['Accept-Encoding: gzip', 'Accept-Encoding: br', 'Idempotency-Key: k1'],
      [],
    ];
    for (const lines of requests) {
      const seen = await send(port, lines);
      expect(seen.stub, lines.join(' | ')).toEqual(seen.node);
    }
    const repeated = await send(port, ['X-Api-Key: rg_test_one', 'x-api-key: rg_test_two']);
    expect(repeated.stub['x-api-key']).toBe('rg_test_one, rg_test_two');
  });
});
