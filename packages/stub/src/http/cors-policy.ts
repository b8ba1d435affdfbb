/** `http(s)://` + a loopback host + an optional port: the origins allowed by default. */
const LOOPBACK_ORIGIN = /^https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/;

/**
 * Which browser origins may read the stub's answers ("Security": CORS). By default only
 * loopback origins on any port (a web app under development on this machine): a page on any
 * other site must not be able to drive a stub running on a developer's machine, for example
 * to mint a full-scope token with the public demo OAuth client. `--cors-origin` adds origins
 * (exact match, repeatable); `*` allows every origin and must be asked for explicitly.
 */
export class CorsPolicy {
  private readonly extra: ReadonlySet<string>;
  private readonly any: boolean;

  constructor(origins: readonly string[] = []) {
    this.any = origins.includes('*');
    this.extra = new Set(origins.map(normalizeOrigin));
  }

  /** The request's `Origin` when it may be answered with CORS headers, else `undefined`. */
  allow(origin: string | undefined): string | undefined {
    if (origin === undefined) return undefined;
    if (this.any || LOOPBACK_ORIGIN.test(origin) || this.extra.has(origin)) return origin;
    return undefined;
  }
}

/** An origin as browsers send it: scheme, host and port, no path or trailing slash. */
export function normalizeOrigin(value: string): string {
  if (value === '*') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`--cors-origin ${value} is not an origin (e.g. https://app.example.com or *)`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null') {
    throw new RangeError(`--cors-origin ${value} must be an http(s) origin or *`);
  }
  return url.origin;
}
