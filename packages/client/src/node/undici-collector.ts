import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { type Dispatcher, util } from 'undici';
import type { TransportResponse } from '../core/http-transport.ts';
import { UndiciAnswer } from './undici-answer.ts';

/**
 * A dispatch handler that gathers one whole answer: status, headers and the body's chunks, then
 * the text. undici's `request()` would wrap the same answer in an async resource and a `Readable`
 * stream that `text()` then drains through promises; collecting the chunks directly skips both,
 * which is most of what a small JSON answer costs on the client's side.
 */
export class AnswerCollector implements Dispatcher.DispatchHandler {
  #status = 0;
  #headers: IncomingHttpHeaders = {};
  readonly #chunks: Buffer[] = [];
  /** Stops the request on the wire (undici 7's controller, or undici 6's `abort`). */
  #abort: ((reason: Error) => void) | undefined;
  #settled = false;
  readonly #resolve: (answer: TransportResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #signal: AbortSignal | undefined;
  readonly #body: string | Uint8Array | Readable | null | undefined;

  constructor(
    resolve: (answer: TransportResponse) => void,
    reject: (error: unknown) => void,
    signal: AbortSignal | undefined,
    body: string | Uint8Array | Readable | null | undefined,
  ) {
    this.#resolve = resolve;
    this.#reject = reject;
    this.#signal = signal;
    this.#body = body;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  // An abort rejects at once, even while the request still waits for a socket; the controller
  // then stops it on the wire when (or as soon as) it has one.
  readonly #onAbort = (): void => {
    const reason = abortReason(this.#signal);
    this.#abort?.(reason);
    this.#fail(reason);
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#started((reason) => controller.abort(reason));
  }

  #started(abort: (reason: Error) => void): void {
    this.#abort = abort;
    if (this.#signal?.aborted) abort(abortReason(this.#signal));
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    // 1xx informational answers (102, 103) precede the real one.
    if (status < 200) return;
    this.#status = status;
    this.#headers = headers;
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    let text: string;
    try {
      text = utf8Text(this.#chunks);
    } catch (error) {
      // A body longer than the longest string V8 can make (ERR_STRING_TOO_LONG).
      this.#fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#resolve(new UndiciAnswer(this.#status, this.#headers, text));
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error);
  }

  // undici 6's handler API, for a `dispatcher` of the caller's own made by undici 6 (undici 7 calls
  // the methods above, and only falls back to these for handlers that lack them).

  onConnect(abort: (reason?: Error) => void): void {
    this.#started(abort);
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[] | null, _resume: () => void): boolean {
    if (status >= 200) {
      this.#status = status;
      this.#headers = util.parseHeaders(rawHeaders ?? []) as IncomingHttpHeaders;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.onResponseEnd();
  }

  onError(error: Error): void {
    this.#fail(error);
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    // A streamed request body would otherwise keep its source open. By now undici has dropped its
    // own 'error' listener on it, and an 'error' event nobody listens to would crash the process.
    if (this.#body instanceof Readable) this.#body.on('error', ignore).destroy(error);
    this.#reject(error);
  }
}

function ignore(): void {}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

/** The body as text, decoded as `Response.text()` does: UTF-8, a leading byte order mark dropped. */
function utf8Text(chunks: readonly Buffer[]): string {
  if (chunks.length === 0) return '';
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}
