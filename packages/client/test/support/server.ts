/**
 * A small programmable HTTP server on 127.0.0.1 for behaviour tests the stub's chaos mode cannot
 * produce (exact header forms, scripted sequences, streamed uploads). Real sockets, real HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, index: number) => unknown;

export interface TestServer {
  url: string;
  requests: Recorded[];
  /** Handle every request with `handler`. */
  handle(handler: Handler): void;
  /** Answer the n-th request with the n-th handler (the last one repeats). */
  sequence(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** `res` answered with a JSON body, a request id and the given headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-request-id': 'req_test123',
      ...headers,
    });
    res.end(text);
  };
}

/** The contract's error envelope. */
export function apiError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Handler {
  return json(
    status,
    { success: false, error: { code, message, requestId: 'req_err123', ...extra } },
    headers,
  );
}

/** A success envelope. */
export function ok(data: unknown, headers: Record<string, string> = {}): Handler {
  return json(200, { success: true, data }, headers);
}

/** Destroys the connection without an answer. */
export const drop: Handler = (req) => {
  req.socket.destroy();
};

/** Never answers. */
export const hang: Handler = () => {};

/** Sends headers promising more bytes than it writes, then cuts the connection. */
export const truncated: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"success":true,"da');
  setTimeout(() => res.socket?.destroy(), 10);
};

export async function startServer(): Promise<TestServer> {
  let handler: Handler = json(404, { success: false, error: { code: 'not_found', message: 'no handler' } });
  let sequence: Handler[] | undefined;
  let sequenceStart = 0;
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const h = sequence
        ? (sequence[Math.min(index - sequenceStart, sequence.length - 1)] as Handler)
        : handler;
      void h(req, res, body, index);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(h) {
      handler = h;
      sequence = undefined;
    },
    sequence(...hs) {
      sequence = hs;
      sequenceStart = requests.length;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One server for the calling test file: started before its first test, closed after its last,
 * `requests` emptied before each test (handlers stay as the last test left them). Call it at the
 * top level of the file, where the hooks it registers belong.
 */
export function useTestServer(): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startServer();
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    if (current) current.requests.length = 0;
  });
  const started = (): TestServer => {
    if (!current)
      throw new Error('useTestServer(): the server starts in beforeAll; use it inside a test or hook');
    return current;
  };
  return {
    get url() {
      return started().url;
    },
    get requests() {
      return started().requests;
    },
    handle: (handler) => started().handle(handler),
    sequence: (...handlers) => started().sequence(...handlers),
    close: () => started().close(),
  };
}
