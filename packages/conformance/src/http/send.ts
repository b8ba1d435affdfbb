/**
 * @module One HTTP exchange over node:http / node:https. Not `fetch`: the runner must send
 * exactly the headers it means to (fetch adds `Content-Type: text/plain` to string bodies and
 * its own `Accept`, `Sec-Fetch-Mode`, …), since some checks are about a header's absence.
 */
import http from 'node:http';
import https from 'node:https';
import type { HttpOutcome, HttpResponse, PreparedRequest } from './types.ts';

/** Keep-alive connections of one run; `close()` lets the process exit afterwards. */
export class Connections {
  readonly http = new http.Agent({ keepAlive: true, maxSockets: 4 });
  readonly https = new https.Agent({ keepAlive: true, maxSockets: 4 });

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }

  /**
   * Closes the idle keep-alive sockets. After a wait a server may close them (often after 5 s
   * idle) just as a request reuses one, and the request fails with "socket hang up".
   */
  dropIdle(): void {
    for (const agent of [this.http, this.https]) {
      for (const sockets of Object.values(agent.freeSockets))
        for (const socket of sockets ?? []) socket.destroy();
    }
  }
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Sends `request`; resolves with the response or the transport error, never rejects. */
export function send(
  request: PreparedRequest,
  timeoutMs: number,
  connections: Connections,
): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const started = performance.now();
    const transport = url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { ...request.headers };
    if (body !== undefined) headers['Content-Length'] = String(body.length);
    let settled = false;
    const finish = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = transport.request(
      url,
      {
        method: request.method,
        headers,
        agent: url.protocol === 'https:' ? connections.https : connections.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => finish({ kind: 'error', request, error: error.message }));
        res.on('end', () => {
          const response: HttpResponse = {
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            bodyText: Buffer.concat(chunks).toString('utf8'),
            elapsedMs: Math.round(performance.now() - started),
          };
          finish({ kind: 'response', request, response });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => finish({ kind: 'error', request, error: error.message }));
    req.end(body);
  });
}
