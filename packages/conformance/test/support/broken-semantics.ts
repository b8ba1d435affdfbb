/**
 * @module The semantic set's broken servers: the reference stub (real keys, sessions, OAuth,
 * rate limits, idempotency, webhooks) behind a small proxy that, per fault, breaks exactly one
 * semantic of the contract — so tests (and the side-by-side run with Schemathesis) can show each
 * semantic check catching the fault it exists for. Without a fault the proxy passes everything
 * through unchanged. Started with short durations (2 s rotation grace, 1 s refresh-reuse leeway,
 * a 40-per-3-seconds burst tier), so the whole semantic set runs in seconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StubOptions, StubServer } from '@regen/stub';
import { ADMIN_KEY, startTestStub } from '../../../../test/support/stub-server.ts';

/** The faults, one per semantic check. */
export type SemanticFault =
  | 'deactivated-key-works'
  | 'rotation-no-grace'
  | 'scope-not-enforced'
  | 'remaining-frozen'
  | 'rate-limit-overrun'
  | 'idempotency-ignored'
  | 'refresh-replay-accepted'
  | 'refresh-replay-forever'
  | 'code-reusable'
  | 'page-gap'
  | 'webhook-wrong-secret';

/** Each fault, what it breaks, and the check that must catch it (README table). */
export const SEMANTIC_FAULTS: Readonly<
  Record<SemanticFault, { readonly check: string; readonly breaks: string }>
> = {
  'deactivated-key-works': {
    check: 'key_lifecycle',
    breaks: 'a deactivated key is still accepted (the proxy swaps in a working key)',
  },
  'rotation-no-grace': {
    check: 'rotation_grace',
    breaks: "a rotated key's old secret is refused at once (no grace)",
  },
  'scope-not-enforced': { check: 'scope_enforcement', breaks: 'listCommissions ignores read:commissions' },
  'remaining-frozen': {
    check: 'rate_limit_headers',
    breaks: 'listProducts always answers X-RateLimit-Remaining = Limit − 1',
  },
  'rate-limit-overrun': {
    check: 'rate_limit_enforcement',
    breaks: "a key's first request past its budget is admitted anyway",
  },
  'idempotency-ignored': { check: 'idempotency', breaks: 'createApiKey ignores Idempotency-Key' },
  'refresh-replay-accepted': {
    check: 'session_lifecycle',
    breaks: 'a spent refresh token is accepted again (answered with a new pair)',
  },
  'refresh-replay-forever': {
    check: 'session_lifecycle',
    breaks: 'a spent refresh token answers its cached pair forever (a reuse leeway that never ends)',
  },
  'code-reusable': { check: 'oauth_semantics', breaks: 'an authorization code can be exchanged twice' },
  'page-gap': {
    check: 'pagination_consistency',
    breaks: 'listProducts pages of 7 that have more drop their last item',
  },
  'webhook-wrong-secret': {
    check: 'webhook_delivery',
    breaks: 'createWebhookEndpoint answers another secret than the one deliveries are signed with',
  },
};

/** How the fixture's stub is started, and what a run against it should be given. */
export const SEMANTICS_FIXTURE = {
  apiKey: ADMIN_KEY,
  oauthClient: { id: 'cli_regen_demo', secret: 'cs_regen_demo_secret' },
  rateLimits: 'standard=1000000/1h,burst=40/3s,write=1000000/1h,auth=40/15m',
  rotationGrace: '2s',
  refreshReuseLeeway: '1s',
} as const;

export interface BrokenSemanticsServer {
  /** The proxy's URL: point the runner here. */
  readonly url: string;
  readonly stub: StubServer;
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** An answer the proxy gives itself instead of asking the stub. */
export type Interception = Upstream;

/** What the proxy answers itself (a route the server lacks, a method it refuses); `undefined` forwards. */
export type Intercept = (method: string, pathname: string) => Interception | undefined;

/** One request through the proxy and its answer, as a {@link Tamper} sees them. */
export interface Passing {
  readonly method: string;
  readonly url: URL;
  /** The request's headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly answer: Interception;
  /** Sends the request to the stub again: `headers` over its own (`undefined` drops one), another path and query. */
  resend(change?: {
    readonly headers?: Readonly<Record<string, string | undefined>>;
    readonly path?: string;
  }): Promise<Interception>;
}

/**
 * Changes an answer after the fact (a defect planted in a test's server, test/support/planted-defects.ts);
 * `undefined` keeps it.
 */
export type Tamper = (passing: Passing) => Interception | undefined | Promise<Interception | undefined>;

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parse(body: Buffer, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType?.includes('application/x-www-form-urlencoded'))
      return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** How {@link startBrokenSemantics} breaks the stub, and what it starts the stub with. */
export interface BrokenSemanticsOptions {
  readonly fault?: SemanticFault;
  /** Answers some requests itself (a partial server: test/support/partial-server.ts). */
  readonly intercept?: Intercept;
  /** Changes answers last, whatever answered them. */
  readonly tamper?: Tamper;
  /** Stub options over the fixture's short durations (an extra OAuth client, say). */
  readonly stub?: StubOptions;
}

/** Starts the stub (short durations) and the proxy that breaks `fault` (none: a faithful proxy). */
export async function startBrokenSemantics(
  options: BrokenSemanticsOptions = {},
): Promise<BrokenSemanticsServer> {
  const { fault, intercept, tamper } = options;
  const stub = await startTestStub({
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    rotationGrace: SEMANTICS_FIXTURE.rotationGrace,
    refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
    ...options.stub,
  });
  const upstream = new URL(stub.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const keys = new Map<string, string>(); // key id → current secret
  const deactivated = new Set<string>();
  const dead = new Set<string>();
  const overrun = new Set<string>();
  const refreshedTo = new Map<string, string>(); // spent refresh token → the one it was exchanged for
  const codes = new Map<string, Upstream>();
  const refreshAnswers = new Map<string, Upstream>(); // refresh token → its first 200 answer, replayed forever

  const forward = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method,
          path,
          headers: { ...headers, 'content-length': String(body.length) },
          agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined && !HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const server = http.createServer(async (req, res) => {
    try {
      let body = await readBody(req);
      const method = (req.method ?? 'GET').toUpperCase();
      const path = req.url ?? '/';
      const url = new URL(path, 'http://x');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined && !HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const key = headers['x-api-key'];
      const asAdmin = () => forward(method, path, { ...headers, 'x-api-key': ADMIN_KEY }, body);
      const keyPath = /^\/api\/v1\/api-keys\/([^/]+)\/(rotate|deactivate|activate)$/.exec(url.pathname);

      let answer: Upstream | undefined = intercept?.(method, url.pathname);
      if (answer) {
        // Answered by the interception: nothing of the stub's to break.
      } else if (fault === 'rotation-no-grace' && key && dead.has(key)) {
        answer = {
          status: 401,
          headers: { 'content-type': 'application/json', 'x-request-id': 'req_proxy401' },
          body: Buffer.from(
            JSON.stringify({
              success: false,
              error: {
                code: 'invalid_api_key',
                message: 'Invalid or inactive API key',
                requestId: 'req_proxy401',
              },
            }),
          ),
        };
      } else if (fault === 'deactivated-key-works' && key && deactivated.has(key)) {
        answer = await asAdmin();
      } else if (
        fault === 'idempotency-ignored' &&
        method === 'POST' &&
        url.pathname === '/api/v1/api-keys'
      ) {
        delete headers['idempotency-key'];
      } else if (
        fault === 'refresh-replay-accepted' &&
        method === 'POST' &&
        url.pathname === '/api/auth/refresh'
      ) {
        const sent = parse(body, headers['content-type']);
        let token = typeof sent?.refreshToken === 'string' ? sent.refreshToken : undefined;
        if (token && refreshedTo.has(token)) {
          while (token && refreshedTo.has(token)) token = refreshedTo.get(token);
          body = Buffer.from(JSON.stringify({ ...sent, refreshToken: token }));
        }
      } else if (
        fault === 'refresh-replay-forever' &&
        method === 'POST' &&
        url.pathname === '/api/auth/refresh'
      ) {
        const sent = parse(body, headers['content-type']);
        const cached =
          typeof sent?.refreshToken === 'string' ? refreshAnswers.get(sent.refreshToken) : undefined;
        if (cached) answer = cached;
      } else if (fault === 'code-reusable' && method === 'POST' && url.pathname === '/oauth/token') {
        const sent = parse(body, headers['content-type']);
        const cached = typeof sent?.code === 'string' ? codes.get(sent.code) : undefined;
        if (cached) answer = cached;
      }
      answer ??= await forward(method, path, headers, body);

      // After the answer: learn and break.
      const json = () => parse(answer?.body ?? Buffer.alloc(0), 'application/json');
      const data = () => json()?.data as Record<string, unknown> | undefined;
      if (method === 'POST' && url.pathname === '/api/v1/api-keys' && answer.status < 300) {
        const d = data();
        if (typeof d?.id === 'string' && typeof d.key === 'string') keys.set(d.id, d.key);
      }
      if (keyPath && answer.status < 300) {
        const [, id = '', action] = keyPath;
        const secret = keys.get(id);
        if (action === 'deactivate' && secret) deactivated.add(secret);
        if (action === 'activate' && secret) deactivated.delete(secret);
        if (action === 'rotate') {
          const fresh = data()?.key;
          if (secret) dead.add(secret);
          if (typeof fresh === 'string') keys.set(id, fresh);
        }
      }
      if (
        fault === 'scope-not-enforced' &&
        method === 'GET' &&
        url.pathname === '/api/v1/commissions' &&
        answer.status === 403
      )
        answer = await asAdmin();
      if (
        fault === 'rate-limit-overrun' &&
        url.pathname === '/api/v1/users/me' &&
        answer.status === 429 &&
        key &&
        key !== ADMIN_KEY &&
        !overrun.has(key)
      ) {
        overrun.add(key);
        answer = await asAdmin();
      }
      if (
        fault === 'remaining-frozen' &&
        method === 'GET' &&
        url.pathname === '/api/v1/products' &&
        answer.headers['x-ratelimit-limit']
      )
        answer.headers['x-ratelimit-remaining'] = String(Number(answer.headers['x-ratelimit-limit']) - 1);
      if (
        fault === 'refresh-replay-accepted' &&
        method === 'POST' &&
        url.pathname === '/api/auth/refresh' &&
        answer.status === 200
      ) {
        const sent = parse(body, headers['content-type']);
        const fresh = data()?.refreshToken;
        if (
          typeof sent?.refreshToken === 'string' &&
          typeof fresh === 'string' &&
          sent.refreshToken !== fresh
        )
          refreshedTo.set(sent.refreshToken, fresh);
      }
      if (
        fault === 'refresh-replay-forever' &&
        method === 'POST' &&
        url.pathname === '/api/auth/refresh' &&
        answer.status === 200
      ) {
        const sent = parse(body, headers['content-type']);
        if (typeof sent?.refreshToken === 'string' && !refreshAnswers.has(sent.refreshToken))
          refreshAnswers.set(sent.refreshToken, answer);
      }
      if (
        fault === 'code-reusable' &&
        method === 'POST' &&
        url.pathname === '/oauth/token' &&
        answer.status === 200
      ) {
        const sent = parse(body, headers['content-type']);
        if (typeof sent?.code === 'string') codes.set(sent.code, answer);
      }
      if (
        fault === 'page-gap' &&
        method === 'GET' &&
        url.pathname === '/api/v1/products' &&
        url.searchParams.get('limit') === '7'
      ) {
        const page = json();
        if (page && page.hasMore === true && Array.isArray(page.data) && page.data.length > 1) {
          page.data = page.data.slice(0, -1);
          answer = { ...answer, body: Buffer.from(JSON.stringify(page)) };
        }
      }
      if (
        fault === 'webhook-wrong-secret' &&
        method === 'POST' &&
        url.pathname === '/api/v1/webhooks' &&
        answer.status < 300
      ) {
        const page = json();
        const d = page?.data as Record<string, unknown> | undefined;
        if (page && d && typeof d.secret === 'string') {
          d.secret = `whsec_${'0'.repeat(Math.max(1, d.secret.length - 6))}`;
          answer = { ...answer, body: Buffer.from(JSON.stringify(page)) };
        }
      }
      if (tamper) {
        const sent = body;
        const resend: Passing['resend'] = (change = {}) => {
          const merged: Record<string, string> = { ...headers };
          for (const [k, v] of Object.entries(change.headers ?? {}))
            if (v === undefined) delete merged[k];
            else merged[k] = v;
          return forward(method, change.path ?? path, merged, sent);
        };
        answer = (await tamper({ method, url, headers, body: sent, answer, resend })) ?? answer;
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stub,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      await stub.close();
    },
  };
}
