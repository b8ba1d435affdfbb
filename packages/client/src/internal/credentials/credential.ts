/**
 * How every call of a client carries its credential. One is chosen at construction (API key,
 * bearer token of a JWT session or of OAuth client credentials, or none) and never changes.
 */
export interface Credential {
  /** What `JSON.stringify(client)` reports as `auth`. */
  readonly kind: 'apiKey' | 'jwt' | 'oauth' | 'none';
  /**
   * The headers to send now (the client's defaults plus the credential), or undefined when a
   * token has to be fetched first. The hot path: no await, and the same object while nothing changes.
   */
  headers(): Record<string, string> | undefined;
  /** Waits for a token, then its headers; where the credential is `optional`, not getting one sends none. */
  waitHeaders(signal: AbortSignal | undefined, optional: boolean): Promise<Record<string, string>>;
  /** Whether a 401 to a request that carried `sent` is worth one renewal and replay. */
  canRenew(sent: Record<string, string>): boolean;
  /** Renews the token `sent` carried (single-flight: concurrent callers share one refresh). */
  renew(sent: Record<string, string>): Promise<unknown>;
  /** Every secret it holds, for redaction. */
  secrets(): (string | undefined)[];
}

/** Header names that carry a credential: a call without one must not send them. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key'];

/**
 * Fixed headers, nothing to renew: an API key (`X-API-Key`, or `Authorization: Bearer`), or
 * no credential at all (login, token endpoints: their credentials travel in the body).
 */
export function staticCredential(
  kind: 'apiKey' | 'none',
  headers: Record<string, string>,
  secret?: string,
): Credential {
  const ready = Promise.resolve(headers);
  return {
    kind,
    headers: () => headers,
    waitHeaders: () => ready,
    canRenew: () => false,
    renew: () => Promise.resolve(undefined),
    secrets: () => [secret],
  };
}

/** `defaults` without any credential header, for calls that must go without one. */
export function withoutCredential(defaults: Record<string, string>): Record<string, string> {
  const out = { ...defaults };
  for (const name of CREDENTIAL_HEADERS) delete out[name];
  return out;
}
