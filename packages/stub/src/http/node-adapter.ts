import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error.ts';
import { CLIENT_CLOSED_REQUEST, ClientClosedRequest } from './client-closed.ts';
import type { Answer, StubHandler, StubRequest, StubResponse } from './exchange.ts';
import { WriteBatch } from './write-batch.ts';

/** Beyond this declared size the body is not even drained: answer 413 and close. */
const DRAIN_CAP = 64 * 1024 * 1024;

class NodeRequest implements StubRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  closeConnection = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.method = req.method ?? 'GET';
    this.path = q === -1 ? url : url.slice(0, q);
    this.rawQuery = q === -1 ? '' : url.slice(q + 1);
  }

  get connection(): object {
    return this.req.socket;
  }

  header(name: string): string | undefined {
    // Read from the raw list: `req.headers` would build an object of every header on first use,
    // a sizeable part of a cheap request's cost. A header sent more than once takes node's own
    // rules (the first of a singleton header such as `authorization`, others joined).
    const raw = this.req.rawHeaders;
    let found: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const field = raw[i] as string;
      if (field.length !== name.length || (field !== name && field.toLowerCase() !== name)) continue;
      if (found !== undefined) return this.#joined(name);
      found = raw[i + 1];
    }
    return found;
  }

  #joined(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  get remoteAddress(): string {
    return this.req.socket.remoteAddress ?? 'unknown';
  }

  onAbort(callback: () => void): void {
    this.res.once('close', () => {
      if (!this.res.writableFinished) callback();
    });
  }

  readBody(limit: number): Promise<Buffer> {
    const declared = Number(this.req.headers['content-length'] ?? Number.NaN);
    if (declared > DRAIN_CAP) {
      this.closeConnection = true;
      return Promise.reject(new ApiError('payload_too_large'));
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // Past the limit keep draining (and dropping) so the client can read our 413 before we close.
      this.req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
        else if (size > DRAIN_CAP) {
          this.closeConnection = true;
          this.req.pause();
          reject(new ApiError('payload_too_large'));
        }
      });
      this.req.once('end', () => {
        if (size > limit) reject(new ApiError('payload_too_large'));
        else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
      });
      // A client that disconnects mid-body makes node fail the request ('aborted', ECONNRESET):
      // that is the client's doing, not a server error.
      const closed = (cause?: unknown) => reject(new ClientClosedRequest(cause));
      this.req.once('error', closed);
      this.req.once('close', () => {
        if (!this.req.complete) closed();
      });
    });
  }
}

/** Adapts a {@link StubHandler} to node:http, executing chaos deliveries at the socket level. */
export function toNodeListener(
  handler: StubHandler,
  onFatal: (error: unknown) => StubResponse,
): (req: IncomingMessage, res: ServerResponse) => void {
  const batch = new WriteBatch(onFatal);
  return (req, res) => {
    const request = new NodeRequest(req, res);
    const failed = (error: unknown) => {
      if (error instanceof ClientClosedRequest) res.destroy();
      else write(request, res, onFatal(error), batch);
    };
    let answer: Answer;
    try {
      answer = handler(request);
    } catch (error) {
      failed(error);
      return;
    }
    if (answer instanceof Promise) answer.then((response) => write(request, res, response, batch), failed);
    else write(request, res, answer, batch);
  };
}

function write(request: NodeRequest, res: ServerResponse, response: StubResponse, batch: WriteBatch): void {
  const delivery = response.delivery?.kind ?? 'normal';
  if (delivery === 'hang') return;
  // Nobody is left to read an answer to a request whose client closed it.
  if (response.status === CLIENT_CLOSED_REQUEST) {
    res.destroy();
    return;
  }
  if (delivery === 'reset') {
    res.socket?.destroy();
    return;
  }
  const headers = response.headers;
  if (request.closeConnection) headers.connection = 'close';
  const body = response.body;
  if (delivery === 'truncate' && body !== undefined) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    headers['content-length'] = String(bytes.length);
    res.writeHead(response.status, headers);
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  if (body !== undefined) {
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  }
  batch.add(res, response.status, headers, body);
}
