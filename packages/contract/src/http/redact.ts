/**
 * Header names whose values are credentials (compared lower-case): the contract's `ApiKeyAuth`
 * and `BearerAuth` headers, plus the cookies and proxy credentials any HTTP stack may carry.
 */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

/** What stands in for a secret unless the caller names a placeholder. */
export const REDACTED = '[REDACTED]';

/** A copy of `headers` with every credential value replaced by `[REDACTED]`, for logs and reports. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    out[key] = CREDENTIAL_HEADERS.has(key.toLowerCase()) ? REDACTED : (headers[key] as string);
  }
  return out;
}

/**
 * Replaces every occurrence of each secret in `text` by `replacement` (`[REDACTED]` by default, or
 * what the function returns for that secret). Servers echo what they were sent ("invalid key
 * rg_live_…"), so messages pass through this before anyone sees them. Give longer secrets first:
 * one that contains another is then replaced whole.
 */
export function redactSecrets(
  text: string,
  secrets: Iterable<string | undefined>,
  replacement: string | ((secret: string) => string) = REDACTED,
): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would mangle ordinary words; real credentials are far longer.
    if (!secret || secret.length < 6 || !out.includes(secret)) continue;
    out = out.split(secret).join(typeof replacement === 'string' ? replacement : replacement(secret));
  }
  return out;
}
