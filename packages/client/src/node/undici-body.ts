import { Readable } from 'node:stream';

/** A request body in a form undici's `request` takes, and the content type it implies. */
export interface UndiciBody {
  body: string | Uint8Array | Readable;
  /** The type `fetch` would have set (`URLSearchParams`, `Blob`, `FormData`); undefined for none. */
  contentType: string | undefined;
}

/**
 * Converts a fetch `BodyInit` for undici's `request`. Strings (every JSON call) pass as they are;
 * the rest goes the way `fetch` would send it, content type included, so a form, bytes or a
 * stream reach the server the same through either transport.
 */
export function toUndiciBody(body: BodyInit): UndiciBody {
  if (typeof body === 'string') return { body, contentType: undefined };
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), contentType: undefined };
  if (ArrayBuffer.isView(body)) {
    return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: undefined };
  }
  // Blob, FormData (multipart boundary), ReadableStream, async iterables: fetch's own encoding.
  const request = new Request('http://body.invalid/', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  const stream = request.body;
  return {
    body: stream ? Readable.fromWeb(stream as import('node:stream/web').ReadableStream) : '',
    contentType: request.headers.get('content-type') ?? undefined,
  };
}
