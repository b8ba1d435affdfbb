/**
 * @module A small server that follows the contract (documented examples, auth, validation,
 * 405 with Allow, created resources readable, deleted ones gone) — and, per flag, breaks
 * exactly one rule, so tests can show each check catching the fault it exists for.
 *
 * One file on purpose (over the usual size): the handler reads top to bottom as the pipeline a
 * conforming server runs — route, auth, media type, validation, state, response — with each
 * fault at the step it breaks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject } from '../../src/spec/json-pointer.ts';
import type { ApiSpec, Json, OperationSpec } from '../../src/spec/types.ts';
import { SpecValidator } from '../../src/spec/validator.ts';
import { type Answer, type Caller, grants, type SecurityFault, SecurityState } from './broken-security.ts';
import { ContractResponder, withRequestId, withResourceId } from './contract-responder.ts';

/** The faults, one per check (plus rate limiting, which a runner must wait out, not report). */
export type Fault =
  | 'server-error'
  | 'undocumented-status'
  | 'wrong-content-type'
  | 'missing-rate-limit-headers'
  | 'schema-violation'
  | 'reject-valid-input'
  | 'accept-invalid-input'
  | 'ignore-auth'
  | 'ignore-required-header'
  | 'method-without-allow'
  | 'wrong-method-accepted'
  | 'created-not-readable'
  | 'deleted-still-readable'
  | 'rate-limited'
  | SecurityFault;

const SECURITY_FAULTS: readonly Fault[] = [
  'scope-escalation',
  'reflected-markup',
  'secret-cacheable',
  'echo-malformed-json',
  'accept-future-iat',
  'cors-reflect-any',
  'credential-precedence',
  'consent-unlimited',
  'webhook-any-target',
];

export interface BrokenServerOptions {
  readonly spec: ApiSpec;
  readonly apiKey: string;
  readonly fault?: Fault;
  /** The operation the fault applies to (each fault has a default). */
  readonly faultOperation?: string;
  /** For `rate-limited`: how many requests get a 429 first, and the Retry-After value. */
  readonly rateLimit?: { readonly count: number; readonly retryAfter: () => string };
}

/** A request the server received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface BrokenServer {
  readonly url: string;
  readonly received: readonly Received[];
  close(): Promise<void>;
}

/** Default target of each fault: an operation whose failure has no knock-on effect on others. */
export const DEFAULT_FAULT_OPERATION: Readonly<Record<Fault, string>> = {
  'server-error': 'listProducts',
  'undocumented-status': 'listProducts',
  'wrong-content-type': 'listProducts',
  'missing-rate-limit-headers': 'listProducts',
  'schema-violation': 'getOrder',
  'reject-valid-input': 'updateCustomer',
  'accept-invalid-input': 'updateCustomer',
  'ignore-auth': 'listOrders',
  'ignore-required-header': 'createProduct',
  'method-without-allow': 'listOrders',
  'wrong-method-accepted': 'listOrders',
  'created-not-readable': 'createProduct',
  'deleted-still-readable': 'deleteProduct',
  'rate-limited': 'listOrders',
  // The security faults (test/support/broken-security.ts) act where their rule lives.
  'scope-escalation': 'getApiKey',
  'reflected-markup': 'authorize',
  'secret-cacheable': 'createApiKey',
  'echo-malformed-json': 'createProduct',
  'accept-future-iat': 'getCurrentUser',
  'cors-reflect-any': 'getCurrentUser',
  'credential-precedence': 'getCurrentUser',
  'webhook-any-target': 'createWebhookEndpoint',
  'consent-unlimited': 'authorize',
};

interface Route {
  readonly op: OperationSpec;
  readonly regex: RegExp;
  readonly names: readonly string[];
  readonly literals: number;
}

function compile(op: OperationSpec): Route {
  const names: string[] = [];
  const segments = op.path.split('/');
  const pattern = segments
    .map((s) => {
      const m = /^\{(.+)\}$/.exec(s);
      if (!m?.[1]) return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]);
      return '([^/]+)';
    })
    .join('/');
  return {
    op,
    regex: new RegExp(`^${pattern}$`),
    names,
    literals: segments.filter((s) => !s.startsWith('{')).length,
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startBrokenServer(options: BrokenServerOptions): Promise<BrokenServer> {
  const { spec, apiKey, fault } = options;
  const faultOp = fault ? (options.faultOperation ?? DEFAULT_FAULT_OPERATION[fault]) : undefined;
  const validator = new SpecValidator(spec.document);
  const responder = new ContractResponder(spec, validator);
  const routes = spec.operations.map(compile).sort((a, b) => b.literals - a.literals);
  const received: Received[] = [];
  const security = new SecurityState(
    spec,
    apiKey,
    fault && SECURITY_FAULTS.includes(fault) ? (fault as SecurityFault) : undefined,
  );
  const created = new Map<string, number>();
  const deleted = new Set<string>();
  let requestCounter = 0;
  let idCounter = 0;
  let limited = 0;

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const requestId = `req_brk${++requestCounter}`;
    const url = new URL(req.url ?? '/', 'http://x');
    const method = (req.method ?? 'GET').toUpperCase();
    const pathMatches = routes.filter((r) => r.regex.test(url.pathname));
    const route = pathMatches.find((r) => r.op.method === method);
    const isFault = (f: Fault, op = route?.op) => fault === f && op?.operationId === faultOp;

    const send = (
      op: OperationSpec | undefined,
      status: number,
      value: Json | undefined,
      contentType = 'application/json',
      extra: Record<string, string> = {},
    ) => {
      const headers: Record<string, string> = { ...(op ? responder.headers(op, status) : {}), ...extra };
      headers['X-Request-Id'] = requestId;
      if (!isFault('missing-rate-limit-headers', op)) {
        headers['X-RateLimit-Limit'] = '1000';
        headers['X-RateLimit-Remaining'] = '999';
        headers['X-RateLimit-Reset'] = String(Math.floor(Date.now() / 1000) + 3600);
      } else {
        for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'])
          delete headers[name];
      }
      Object.assign(headers, security.cors(req.headers.origin));
      if (isFault('secret-cacheable', op)) delete headers['Cache-Control'];
      if (isFault('wrong-content-type', op) && status < 300) contentType = 'text/plain';
      if (value !== undefined) headers['Content-Type'] = contentType;
      res.writeHead(isFault('undocumented-status', op) && status === 200 ? 203 : status, headers);
      res.end(
        value === undefined
          ? undefined
          : typeof value === 'string' && !contentType.includes('json')
            ? value
            : JSON.stringify(value),
      );
    };
    const error = (
      op: OperationSpec | undefined,
      status: number,
      code: string,
      extra: Record<string, string> = {},
      message?: string,
      scope?: string,
    ) => {
      const documented = op ? responder.body(op, status) : undefined;
      let value = documented
        ? withRequestId(documented.value, requestId)
        : { success: false, error: { code, message: message ?? code, requestId } };
      if (message !== undefined && isObject(value) && isObject(value.error))
        value = { ...value, error: { ...value.error, code, message, ...(scope ? { scope } : {}) } };
      send(op, status, value, documented?.contentType ?? 'application/json', extra);
    };
    const answer = (op: OperationSpec | undefined, a: Answer) =>
      a.error
        ? error(op, a.status, a.error.code, a.headers ?? {}, a.error.message, a.error.scope)
        : send(op, a.status, a.value, a.contentType ?? 'application/json', a.headers ?? {});
    const address = req.socket.remoteAddress ?? '';

    if (fault === 'rate-limited' && limited < (options.rateLimit?.count ?? 1)) {
      limited++;
      return error(route?.op, 429, 'rate_limit_exceeded', {
        'Retry-After': options.rateLimit?.retryAfter() ?? '1',
      });
    }
    if (url.pathname === '/oauth/consent' && method === 'POST')
      return answer(undefined, security.consent(url, req.headers['content-type'], body, address));
    if (!route) {
      if (pathMatches.length === 0) return error(undefined, 404, 'not_found');
      const allow = [...new Set(pathMatches.map((r) => r.op.method))].join(', ');
      const sample = pathMatches[0]?.op;
      if (fault === 'wrong-method-accepted' && sample?.operationId === faultOp)
        return send(undefined, 200, { success: true, data: {} });
      const withoutAllow = fault === 'method-without-allow' && sample?.operationId === faultOp;
      return error(undefined, 405, 'method_not_allowed', withoutAllow ? {} : { Allow: allow });
    }
    const op = route.op;
    const params = Object.fromEntries(
      route.names.map((n, i) => [n, decodeURIComponent(route.regex.exec(url.pathname)?.[i + 1] ?? '')]),
    );

    let caller: Caller | undefined;
    if (op.auth !== 'none' && !isFault('ignore-auth')) {
      caller = security.authenticate(req.headers);
      if (caller && !caller.ok) return error(op, 401, caller.code, {}, caller.message);
      if (!caller && op.auth === 'required') return error(op, 401, 'missing_api_key');
      const held = caller?.ok ? caller.scopes : undefined;
      const missing = held && security.requiredScopes(op).find((s) => !grants(held, s));
      if (missing)
        return error(
          op,
          403,
          'insufficient_scope',
          {},
          `API key lacks required permissions (${missing})`,
          missing,
        );
    }

    const validate = !isFault('accept-invalid-input');
    // The contract documents 400 for invalid input on most operations, 422 on a few.
    const invalid = [400, 422].find((s) => op.responses.some((r) => r.status === String(s))) ?? 400;
    let parsed: Json | undefined;
    if (op.requestBody && body !== '') {
      const type = req.headers['content-type'];
      const media = op.requestBody.content.find((m) => type?.toLowerCase().startsWith(m.contentType));
      if (!media && !isFault('ignore-required-header')) return error(op, 415, 'unsupported_media_type');
      try {
        parsed = /urlencoded/.test(type ?? '')
          ? Object.fromEntries(new URLSearchParams(body))
          : (JSON.parse(body) as Json);
      } catch (e) {
        const echo = isFault('echo-malformed-json')
          ? `Malformed JSON body: ${(e as Error).message}`
          : undefined;
        if (validate) return error(op, invalid, 'invalid_request', {}, echo);
      }
      const schema = (media ?? op.requestBody.content[0])?.schema;
      if (validate && schema && !validator.validate(schema, parsed).valid)
        return error(op, invalid, 'validation_error');
    } else if (op.requestBody?.required && validate) {
      return error(op, invalid, 'validation_error');
    }
    if (validate) {
      for (const p of op.parameters) {
        const raw =
          p.in === 'path'
            ? params[p.name]
            : p.in === 'query'
              ? url.searchParams.getAll(p.name).length
                ? url.searchParams.getAll(p.name)
                : undefined
              : req.headers[p.name.toLowerCase()];
        if (raw === undefined) {
          if (p.required) return error(op, invalid, 'validation_error');
          continue;
        }
        const value = Array.isArray(raw) && raw.length === 1 ? (raw[0] as string) : raw;
        if (p.schema && !validator.validateParameter(p.schema, value).valid)
          return error(
            op,
            p.in === 'path' ? 404 : invalid,
            p.in === 'path' ? 'not_found' : 'validation_error',
          );
      }
    }
    if (isFault('reject-valid-input')) return error(op, invalid, 'validation_error');
    const early =
      security.credentialRoute(op, parsed, address) ??
      (caller ? security.keyRule(op, params.id, parsed, caller) : undefined) ??
      (op.operationId === 'authorize' ? security.authorizePage(url) : undefined) ??
      security.webhookTarget(op, parsed);
    if (early) return answer(op, early);

    const id = Object.values(params)[0];
    if (
      id &&
      deleted.has(id) &&
      !(
        isFault(
          'deleted-still-readable',
          spec.operations.find((o) => o.method === 'DELETE' && o.path === op.path),
        ) && method === 'GET'
      )
    ) {
      return error(op, 404, 'not_found');
    }
    if (id && method === 'GET' && created.has(id)) {
      const reads = (created.get(id) ?? 0) + 1;
      created.set(id, reads);
      const creator = spec.operations.find((o) => o.method === 'POST' && op.path.startsWith(`${o.path}/`));
      if (reads === 1 && isFault('created-not-readable', creator)) return error(op, 404, 'not_found');
    }
    if (isFault('server-error')) return error(op, 500, 'internal_error');

    const status = responder.successStatus(op);
    const documented = responder.body(op, status);
    let value = documented?.value;
    // An id that is not one (accepted by the accept-invalid-input fault) is not echoed back.
    if (value !== undefined && id && /^[a-z]+_[A-Za-z0-9]+$/.test(id))
      value = withResourceId(value, route.names[0] === 'id' ? 'id' : (route.names[0] ?? 'id'), id);
    if (value !== undefined && op.method === 'POST' && !op.path.includes('{')) {
      const example =
        isObject(value) && isObject(value.data) && typeof value.data.id === 'string'
          ? value.data.id
          : undefined;
      if (example) {
        const fresh = `${example.split('_')[0]}_brk${++idCounter}`;
        created.set(fresh, 0);
        value = withResourceId(value, 'id', fresh);
      }
    }
    value = security.keyEffect(op, params.id, parsed, value);
    if (op.method === 'DELETE' && id) deleted.add(id);
    if (isFault('schema-violation') && isObject(value))
      value = { ...value, data: 'not what the schema says' };
    const extra: Record<string, string> =
      status >= 300 && status < 400 ? { Location: 'https://partner.example.com/callback?code=x' } : {};
    return send(op, status, value, documented?.contentType, extra);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
