/** Header names whose values are credentials (compared lower-case). */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

export const REDACTED = '[REDACTED]';

/** A copy of `headers` with credential values replaced, for logs. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    out[key] = SENSITIVE_HEADERS.has(key.toLowerCase()) ? REDACTED : (headers[key] as string);
  }
  return out;
}

/**
 * Replaces every occurrence of a known secret in `text`. Servers sometimes echo what they were sent
 * ("invalid key rg_live_…"), so error messages pass through this before they reach the user.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would mangle ordinary words; real credentials are far longer.
    if (secret && secret.length >= 6 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
