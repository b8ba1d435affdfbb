/**
 * @module The security side of the broken server: real API keys with scopes (and the key
 * management rule), HS256 JWTs, an OAuth client with a login-and-consent form, one
 * failed-authentication budget per address, CORS for loopback origins, and the rule for two
 * credentials in one request — each with the fault that breaks it (the contract's "Security").
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { ApiSpec, Json, JsonObject, OperationSpec } from '../../src/spec/types.ts';

/** One fault per security check. */
export type SecurityFault =
  | 'scope-escalation'
  | 'reflected-markup'
  | 'secret-cacheable'
  | 'echo-malformed-json'
  | 'accept-future-iat'
  | 'cors-reflect-any'
  | 'credential-precedence'
  | 'consent-unlimited'
  | 'webhook-any-target';

/** The broken server's user, OAuth client and signing secret (tests pass the same to the runner). */
export const SECURITY_FIXTURE = {
  user: { email: 'owner@broken.test', password: 'broken-owner-password' },
  oauthClient: { id: 'cli_broken', secret: 'cs_broken_secret' },
  jwtSecret: 'broken-server-jwt-secret-for-tests',
  /** Failed logins / client secrets per address before 429 (the run itself spends a few). */
  failureBudget: 20,
  failureWindowSeconds: 60,
} as const;

const ALL = new Set(['read:*', 'write:*']);
const ISSUER = 'urn:broken:server';
const AUDIENCE = 'urn:broken:api';
const base62 = (n: number) =>
  randomBytes(n * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n);

/** Whether `held` grants `scope` (`read:*` grants every `read:` scope; aliases normalised). */
export function grants(held: ReadonlySet<string>, scope: string): boolean {
  const s = normalise(scope);
  return held.has(s) || held.has(`${s.split(':')[0]}:*`);
}

function normalise(scope: string): string {
  if (scope === 'read' || scope === 'write') return `${scope}:*`;
  const [a = '', b = ''] = scope.split(':');
  return a === 'read' || a === 'write' ? scope : `${b}:${a}`;
}

export type Caller =
  | { readonly ok: true; readonly principal: string; readonly scopes: ReadonlySet<string> }
  | { readonly ok: false; readonly code: string; readonly message: string };

interface KeyRecord {
  readonly id: string;
  secret: string;
  scopes: Set<string>;
  active: boolean;
}

const escapeHtml = (v: string) =>
  v.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Headers every HTML page carries. */
export const HTML_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** Non-public ranges (IANA special-purpose registries), for the webhook target rule. */
const NON_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(net, bits, 'ipv6');

/** A response the security side writes itself. */
export interface Answer {
  readonly status: number;
  readonly value: Json | undefined;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  /** Error code and message for an error answered with the documented envelope. */
  readonly error?: { readonly code: string; readonly message: string; readonly scope?: string };
}

export class SecurityState {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly spec: ApiSpec,
    private readonly adminKey: string,
    private readonly fault: SecurityFault | undefined,
  ) {}

  // ── credentials ──────────────────────────────────────────────────────────────

  signJwt(claims: JsonObject, typ = 'at+jwt'): string {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${enc({ alg: 'HS256', typ })}.${enc(claims)}`;
    return `${input}.${createHmac('sha256', SECURITY_FIXTURE.jwtSecret).update(input).digest('base64url')}`;
  }

  private verifyJwt(token: string): Caller {
    const refused = (message: string): Caller => ({ ok: false, code: 'invalid_token', message });
    const [h = '', p = '', s = ''] = token.split('.');
    let header: JsonObject;
    let claims: JsonObject;
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString()) as JsonObject;
      claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as JsonObject;
    } catch {
      return refused('Access token is malformed');
    }
    if (header.alg !== 'HS256') return refused('Access token algorithm is not HS256');
    const expected = createHmac('sha256', SECURITY_FIXTURE.jwtSecret).update(`${h}.${p}`).digest('base64url');
    if (s !== expected) return refused('Access token signature is invalid');
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp <= now) return refused('Access token expired');
    if (this.fault !== 'accept-future-iat' && (typeof claims.iat !== 'number' || claims.iat > now + 30))
      return refused('Access token issued in the future');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 30) return refused('Access token not yet valid');
    if (claims.iss !== ISSUER || claims.aud !== AUDIENCE)
      return refused('Access token of another issuer or audience');
    const scopes = new Set(
      String(claims.scope ?? '')
        .split(' ')
        .filter(Boolean),
    );
    return { ok: true, principal: `sub:${String(claims.sub)}`, scopes };
  }

  private verifyKey(key: string): Caller {
    if (key === this.adminKey) return { ok: true, principal: 'key:admin', scopes: ALL };
    const record = this.keys.get(key);
    if (!record?.active)
      return { ok: false, code: 'invalid_api_key', message: 'Invalid or inactive API key' };
    return { ok: true, principal: `key:${record.id}`, scopes: record.scopes };
  }

  private verifyBearer(value: string): Caller {
    const token = value.replace(/^Bearer\s+/i, '');
    return /^rg_(live|test)_/.test(token) ? this.verifyKey(token) : this.verifyJwt(token);
  }

  /** Authenticates a request: `undefined` when it carries no credential. */
  authenticate(headers: IncomingHttpHeaders): Caller | undefined {
    const key = headers['x-api-key'];
    const bearer = headers.authorization;
    if (typeof key === 'string' && typeof bearer === 'string' && /^Bearer\s/i.test(bearer)) {
      const token = bearer.replace(/^Bearer\s+/i, '');
      // The same value is one credential, judged by its form.
      if (token === key) return this.verifyBearer(bearer);
      const byKey = this.verifyKey(key);
      if (this.fault === 'credential-precedence') return byKey;
      const byBearer = this.verifyBearer(bearer);
      if (!byKey.ok) return { ...byKey, message: `X-API-Key refused: ${byKey.message}` };
      if (!byBearer.ok) return { ...byBearer, message: `Authorization refused: ${byBearer.message}` };
      if (byKey.principal !== byBearer.principal)
        return {
          ok: false,
          code: 'invalid_token',
          message: 'Authorization refused: it names another credential than X-API-Key',
        };
      return byKey;
    }
    if (typeof key === 'string') return this.verifyKey(key);
    if (typeof bearer === 'string') return this.verifyBearer(bearer);
    return undefined;
  }

  /** The scopes the contract requires for `op` (`x-required-scopes`). */
  requiredScopes(op: OperationSpec): string[] {
    const item = (this.spec.document.paths as JsonObject)[op.path] as JsonObject | undefined;
    const operation = item?.[op.method.toLowerCase()] as JsonObject | undefined;
    const scopes = operation?.['x-required-scopes'];
    return Array.isArray(scopes) ? (scopes as string[]) : [];
  }

  // ── API keys ────────────────────────────────────────────────────────────────

  /** The key management rule: 403 unless the caller holds every scope involved. */
  keyRule(
    op: OperationSpec,
    id: string | undefined,
    body: Json | undefined,
    caller: Caller,
  ): Answer | undefined {
    if (!caller.ok || !op.path.startsWith('/api/v1/api-keys')) return undefined;
    let involved: string[] = [];
    if (op.operationId === 'createApiKey' || op.operationId === 'updateApiKey') {
      const scopes = (body as { scopes?: unknown } | undefined)?.scopes;
      if (Array.isArray(scopes)) involved = scopes.map(String);
    }
    const target = id ? [...this.keys.values()].find((k) => k.id === id) : undefined;
    if (target && this.fault !== 'scope-escalation') involved.push(...target.scopes);
    const missing = involved.find((s) => !grants(caller.scopes, s));
    if (missing === undefined) return undefined;
    return {
      status: 403,
      value: undefined,
      error: {
        code: 'insufficient_scope',
        message: `API key lacks required permissions (${missing})`,
        scope: normalise(missing),
      },
    };
  }

  /** Makes key operations real: created and rotated keys get their own secret and scopes. */
  keyEffect(
    op: OperationSpec,
    id: string | undefined,
    body: Json | undefined,
    value: Json | undefined,
  ): Json | undefined {
    const data = (value as { data?: Record<string, Json> } | undefined)?.data;
    if (!data) return value;
    const record = id ? [...this.keys.values()].find((k) => k.id === id) : undefined;
    const fresh = () => `rg_live_${base62(32)}`;
    switch (op.operationId) {
      case 'createApiKey': {
        const scopes = (body as { scopes?: unknown } | undefined)?.scopes;
        const secret = fresh();
        const normalised = Array.isArray(scopes) ? scopes.map((s) => normalise(String(s))) : [];
        this.keys.set(secret, { id: String(data.id), secret, scopes: new Set(normalised), active: true });
        return { ...(value as JsonObject), data: { ...data, key: secret, scopes: normalised } };
      }
      case 'rotateApiKey': {
        if (!record) return value;
        // The old secret keeps working (the contract's grace period): both name this key.
        record.secret = fresh();
        this.keys.set(record.secret, record);
        return { ...(value as JsonObject), data: { ...data, key: record.secret } };
      }
      case 'deactivateApiKey':
      case 'activateApiKey':
        if (record) record.active = op.operationId === 'activateApiKey';
        return value;
      case 'deleteApiKey':
        for (const [secret, k] of this.keys) if (k === record) this.keys.delete(secret);
        return value;
      default:
        return value;
    }
  }

  // ── webhook targets ─────────────────────────────────────────────────────────

  /**
   * The contract's "Webhook targets", as a strict shared server holds them (loopback included): a
   * create or update whose `url` is not http(s), has credentials, or names a non-public address or
   * a metadata or loopback name is 422 `webhook_url_refused`. Names are not resolved here.
   */
  webhookTarget(op: OperationSpec, body: Json | undefined): Answer | undefined {
    if (this.fault === 'webhook-any-target') return undefined;
    if (op.operationId !== 'createWebhookEndpoint' && op.operationId !== 'updateWebhookEndpoint')
      return undefined;
    const raw = (body as { url?: unknown } | undefined)?.url;
    if (typeof raw !== 'string') return undefined;
    const refused = (why: string): Answer => ({
      status: 422,
      value: undefined,
      error: { code: 'webhook_url_refused', message: `url is refused: ${why}` },
    });
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return refused('not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return refused('not http or https');
    if (url.username || url.password) return refused('credentials in the URL');
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (/(^|\.)localhost$|^metadata(\.google\.internal)?$/.test(host))
      return refused(`${host} is not public`);
    const mapped = /^::ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(host);
    const ip = mapped
      ? [Number.parseInt(mapped[1] ?? '0', 16), Number.parseInt(mapped[2] ?? '0', 16)]
          .flatMap((n) => [n >> 8, n & 255])
          .join('.')
      : host;
    if (isIP(ip) !== 0 && NON_PUBLIC.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4'))
      return refused(`${host} is not public`);
    return undefined;
  }

  // ── failed-authentication budget ────────────────────────────────────────────

  /** Whether `address` has spent its budget; the Retry-After to send when it has. */
  spent(address: string): number | undefined {
    const entry = this.failures.get(address);
    if (!entry || entry.resetAt <= Date.now()) return undefined;
    return entry.count >= SECURITY_FIXTURE.failureBudget
      ? Math.max(1, Math.ceil((entry.resetAt - Date.now()) / 1000))
      : undefined;
  }

  fail(address: string): void {
    const now = Date.now();
    let entry = this.failures.get(address);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + SECURITY_FIXTURE.failureWindowSeconds * 1000 };
      this.failures.set(address, entry);
    }
    entry.count++;
  }

  /** Login and the token endpoint: wrong passwords and client secrets spend the budget. */
  credentialRoute(op: OperationSpec, body: Json | undefined, address: string): Answer | undefined {
    const b = (body ?? {}) as Record<string, Json>;
    const { user, oauthClient } = SECURITY_FIXTURE;
    const limited = (): Answer | undefined => {
      const wait = this.spent(address);
      return wait === undefined
        ? undefined
        : {
            status: 429,
            value: undefined,
            headers: { 'Retry-After': String(wait) },
            error: { code: 'rate_limit_exceeded', message: 'Too many failed attempts' },
          };
    };
    if (op.operationId === 'login') {
      const blocked = limited();
      if (blocked) return blocked;
      if (b.email === user.email && b.password === user.password) return undefined;
      this.fail(address);
      return {
        status: 401,
        value: undefined,
        error: { code: 'invalid_credentials', message: 'Invalid email or password' },
      };
    }
    if (
      (op.operationId === 'createOAuthToken' || op.operationId === 'revokeOAuthToken') &&
      typeof b.client_id === 'string' &&
      b.client_id.startsWith('cli_conformance_')
    ) {
      // A client that does not exist (what the runner probes the budget with): a failed authentication.
      const blocked = limited();
      if (blocked) return blocked;
      this.fail(address);
      return {
        status: 401,
        value: { error: 'invalid_client', error_description: 'Client authentication failed' },
      };
    }
    if (op.operationId === 'createOAuthToken' && b.client_id === oauthClient.id) {
      const blocked = limited();
      if (blocked) return blocked;
      if (b.client_secret !== oauthClient.secret) {
        this.fail(address);
        return {
          status: 401,
          value: { error: 'invalid_client', error_description: 'Client authentication failed' },
        };
      }
      if (b.grant_type === 'client_credentials') {
        const now = Math.floor(Date.now() / 1000);
        const token = this.signJwt({
          iss: ISSUER,
          aud: AUDIENCE,
          sub: oauthClient.id,
          scope: 'read:* write:*',
          iat: now,
          exp: now + 3600,
        });
        return {
          status: 200,
          value: { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'read:* write:*' },
        };
      }
    }
    return undefined;
  }

  // ── OAuth pages ─────────────────────────────────────────────────────────────

  /** `GET /oauth/authorize`: 400 for an unknown client, else the login-and-consent page. */
  authorizePage(url: URL): Answer | undefined {
    const clientId = url.searchParams.get('client_id') ?? '';
    if (clientId !== SECURITY_FIXTURE.oauthClient.id)
      return { status: 400, value: { error: 'invalid_client', error_description: 'Unknown client_id' } };
    if (url.searchParams.get('auto_approve') === 'true') return undefined;
    return this.page(200, url, undefined);
  }

  private page(status: number, url: URL, error: string | undefined): Answer {
    const html = `<!doctype html><html><head><title>Authorize</title></head><body>
<h1>Authorize ${escapeHtml(url.searchParams.get('client_id') ?? '')}</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth/consent?${escapeHtml(url.search.slice(1))}">
<input name="email" type="email"><input name="password" type="password">
<button name="decision" value="approve">Allow</button><button name="decision" value="deny">Deny</button>
</form></body></html>`;
    return { status, value: html, contentType: 'text/html; charset=utf-8', headers: HTML_HEADERS };
  }

  /** `POST /oauth/consent`, the form's target (outside the contract). */
  consent(url: URL, contentType: string | undefined, body: string, address: string): Answer {
    const reflect = (v: string) => (this.fault === 'reflected-markup' ? v : escapeHtml(v));
    const htmlError = (status: number, message: string): Answer => ({
      status,
      value: `<!doctype html><p>${message}</p>`,
      contentType: 'text/html; charset=utf-8',
      headers: HTML_HEADERS,
    });
    const authorize = this.spec.operations.find((o) => o.operationId === 'authorize');
    const known = new Set(authorize?.parameters.map((p) => p.name) ?? []);
    const unknown = [...url.searchParams.keys()].filter((k) => !known.has(k));
    if (unknown.length > 0) return htmlError(400, `Unknown parameters: ${reflect(unknown.join(', '))}`);
    const clientId = url.searchParams.get('client_id') ?? '';
    if (clientId !== SECURITY_FIXTURE.oauthClient.id)
      return htmlError(400, `Unknown client_id ${reflect(clientId)}`);
    if (!/x-www-form-urlencoded/.test(contentType ?? '')) return htmlError(415, 'Submit the consent form.');
    const form = new URLSearchParams(body);
    const redirect = url.searchParams.get('redirect_uri') ?? 'http://127.0.0.1/callback';
    if (form.get('decision') !== 'approve')
      return { status: 302, value: undefined, headers: { Location: `${redirect}?error=access_denied` } };
    const counted = this.fault !== 'consent-unlimited';
    const wait = counted ? this.spent(address) : undefined;
    if (wait !== undefined)
      return {
        ...htmlError(429, 'Too many failed attempts'),
        headers: { ...HTML_HEADERS, 'Retry-After': String(wait) },
      };
    const { user } = SECURITY_FIXTURE;
    if (form.get('email') !== user.email || form.get('password') !== user.password) {
      if (counted) this.fail(address);
      return this.page(401, url, 'Invalid email or password');
    }
    return {
      status: 302,
      value: undefined,
      headers: { Location: `${redirect}?code=${base62(24)}`, 'Cache-Control': 'no-store' },
    };
  }

  // ── CORS ────────────────────────────────────────────────────────────────────

  cors(origin: string | undefined): Record<string, string> {
    if (!origin || (!LOOPBACK.test(origin) && this.fault !== 'cors-reflect-any')) return {};
    return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  }
}
