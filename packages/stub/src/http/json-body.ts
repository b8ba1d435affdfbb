import { ApiError } from './api-error.ts';
import { jsonErrorOffset } from './json-syntax.ts';

/** Media type of a `Content-Type` header, lower case, without parameters. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/**
 * Parses a JSON body; a syntax error is a 400 `invalid_request` (never a 500) whose message
 * gives the position only. Node's own message quotes the text around the error, and a body
 * may hold a password or a token ("Security": errors never echo secrets).
 */
export function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_request', describeJsonError(text));
  }
}

/** "Malformed JSON body: …" with a line, column and character offset, never the content. */
export function describeJsonError(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0 || offset >= text.length) {
    return `Malformed JSON body: unexpected end of input at character ${text.length}`;
  }
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return `Malformed JSON body: unexpected character at line ${line}, column ${offset - lineStart + 1} (character ${offset})`;
}

/** Parses an `application/x-www-form-urlencoded` body into an object of strings (last value wins). */
export function parseForm(raw: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) out[key] = value;
  return out;
}

/** A JSON serialization independent of key order, used to fingerprint idempotent requests. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
