/**
 * A `fetch` to hand to the client (`new RegenClient({ fetch })`) that records every exchange and
 * Prism's `sl-violations` report of it. Redirects are never followed: a 302 of `/oauth/authorize`
 * points at a partner site, not at anything a test should reach.
 */

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  /** When the request was sent and when its answer (or failure) arrived, epoch ms. */
  sentAt: number;
  answeredAt: number;
  /** 0 when the connection failed (`error` says why). */
  status: number;
  error?: unknown;
  responseHeaders: Headers;
  /** Parsed `sl-violations`; empty when the header is absent. */
  violations: Violation[];
}

export interface RecordingFetch {
  fetch: typeof fetch;
  readonly exchanges: Exchange[];
  /** Exchanges whose `sl-violations` header was present, with the report. */
  violating(): Exchange[];
}

export function parseViolations(header: string | null): Violation[] {
  if (header === null || header.trim() === '') return [];
  return JSON.parse(header) as Violation[];
}

export function recordingFetch(base: typeof fetch = globalThis.fetch): RecordingFetch {
  const exchanges: Exchange[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const sentAt = Date.now();
    const common = {
      method: request.method,
      url: new URL(request.url),
      requestHeaders: request.headers,
      sentAt,
    };
    let response: Response;
    try {
      response = await base(request, { redirect: 'manual' });
    } catch (error) {
      exchanges.push({
        ...common,
        answeredAt: Date.now(),
        status: 0,
        error,
        responseHeaders: new Headers(),
        violations: [],
      });
      throw error;
    }
    exchanges.push({
      ...common,
      answeredAt: Date.now(),
      status: response.status,
      responseHeaders: response.headers,
      violations: parseViolations(response.headers.get('sl-violations')),
    });
    return response;
  };
  return {
    fetch: wrapped as typeof fetch,
    exchanges,
    violating: () => exchanges.filter((e) => e.responseHeaders.has('sl-violations')),
  };
}

/** One line per violating exchange, for assertion messages. */
export function describeViolations(exchanges: readonly Exchange[]): string[] {
  return exchanges.map(
    (e) =>
      `${e.method} ${e.url.pathname}${e.url.search} → ${e.status}: ${e.violations
        .map((v) => `[${v.location.join('.')}] ${v.message}`)
        .join('; ')}`,
  );
}
