/**
 * @module One webhook POST under the contract's "Webhook targets": the connection goes to an
 * address the policy allowed — the host is resolved once, each address checked, and the socket
 * connects to the checked address (no second resolution a DNS answer could change). No redirect is
 * followed, the connection and the whole attempt time out, and at most 64 KiB of the answer is read.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isReservedName, type WebhookTargetPolicy } from './target-policy.ts';

/** Most of an answer read before the connection is dropped (it is only acknowledged, never used). */
const MAX_ANSWER_BYTES = 64 * 1024;

/** What came of one attempt: the status answered, or why there was none. */
export interface AttemptResult {
  readonly status: number | null;
  readonly error: string | null;
}

/** Timeouts of one attempt. */
export interface DeliveryLimits {
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
}

/** POSTs `body` to `rawUrl` with `headers`, as the policy allows; never throws. */
export function deliver(
  policy: WebhookTargetPolicy,
  rawUrl: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  limits: DeliveryLimits,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const target = policy.checkForm(rawUrl);
  if (typeof target === 'string') return Promise.resolve({ status: null, error: target });
  if (isReservedName(target.host))
    return Promise.resolve({
      status: null,
      error: `not delivered: ${target.host} is reserved for documentation (RFC 2606)`,
    });
  if (isIP(target.host) !== 0) {
    const refused = policy.checkAddress(target.host);
    if (refused) return Promise.resolve({ status: null, error: `refused: ${refused}` });
  }
  // Node calls this for host names only; the socket connects to the address it gives back.
  const checkedLookup: LookupFunction = (hostname, options, callback) => {
    policy.lookup(hostname).then(
      (addresses) => {
        const wanted = options.family === 6 ? 6 : options.family === 4 ? 4 : 0;
        const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
        const refused = usable.map((a) => policy.checkAddress(a.address)).find((v) => v !== undefined);
        const first = usable[0];
        if (refused !== undefined || first === undefined) {
          const error = new Error(
            refused ? `refused: ${hostname} resolves to ${refused}` : `${hostname} does not resolve`,
          );
          callback(error as NodeJS.ErrnoException, '', 4);
        } else if (options.all) {
          (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
            ...usable,
          ]);
        } else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      resolve(result);
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: checkedLookup,
      signal,
      agent: false,
    });
    const total = setTimeout(() => {
      finish({ status: null, error: `no answer within ${limits.totalTimeoutMs} ms` });
      req.destroy();
    }, limits.totalTimeoutMs);
    total.unref();
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(() => {
        finish({ status: null, error: `no connection within ${limits.connectTimeoutMs} ms` });
        req.destroy();
      }, limits.connectTimeoutMs);
      connect.unref();
      socket.once('connect', () => clearTimeout(connect));
      socket.once('close', () => clearTimeout(connect));
    });
    req.on('response', (res: IncomingMessage) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      const done = () => finish({ status: res.statusCode ?? null, error: null });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', (error) => finish({ status: null, error: error.message }));
    req.end(body);
  });
}
