import type { RequestLogEntry } from '@regen/contract';

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * A `curl` line that repeats a logged request's shape. It never carries a secret: the key is the
 * `$REGEN_API_KEY` placeholder (whatever credential made the request), the path is the contract's
 * template (`/api/v1/orders/{id}`: fill in the ids), and a body, which the log does not keep, is
 * read from a file you provide.
 */
export function curlOf(entry: RequestLogEntry, origin: string): string {
  const parts = [`curl -X ${entry.method}`, `-H "X-API-Key: $REGEN_API_KEY"`];
  if (entry.method !== 'GET' && entry.method !== 'DELETE') {
    parts.push(`-H 'Content-Type: application/json'`, '--data @body.json');
  }
  parts.push(quote(`${origin}${entry.path}`));
  return parts.join(' \\\n  ');
}
