import { ApiError } from './api-error.ts';

/** Media type of a `Content-Type` header, lower case, without parameters. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/** Parses a JSON body; a syntax error is a 400 `invalid_request` (never a 500). */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable body';
    throw new ApiError('invalid_request', `Malformed JSON body: ${reason}`);
  }
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
