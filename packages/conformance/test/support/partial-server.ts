/**
 * @module A partial server, as server teams first run the runner against: the reference stub
 * (behind the semantic set's proxy) serving only {@link PARTIAL_OPERATIONS}; every other
 * documented operation answers 404 not_found, as a router that lacks the route does.
 */
import type { ConformanceOptions } from '../../src/index.ts';
import type { ApiSpec } from '../../src/spec/types.ts';
import {
  type BrokenSemanticsServer,
  type Intercept,
  type Interception,
  SEMANTICS_FIXTURE,
  type SemanticFault,
  startBrokenSemantics,
  type Tamper,
} from './broken-semantics.ts';
import { contract } from './contract.ts';

/** Health, the session, the eight API-key operations, and two order reads. */
export const PARTIAL_OPERATIONS = [
  'getHealth',
  'login',
  'refreshToken',
  'logout',
  'createApiKey',
  'listApiKeys',
  'getApiKey',
  'updateApiKey',
  'deleteApiKey',
  'rotateApiKey',
  'deactivateApiKey',
  'activateApiKey',
  'listOrders',
  'getOrder',
] as const;

/** A JSON error answer the way the stub writes one. */
export function errorAnswer(
  status: number,
  code: string,
  headers: Record<string, string> = {},
): Interception {
  const requestId = `req_partial${status}`;
  // Rate-limit headers as on every response of the contract, so only the tested rule is broken.
  const reset = String(Math.ceil(Date.now() / 1000) + 3600);
  const limits = {
    'x-ratelimit-limit': '1000000',
    'x-ratelimit-remaining': '999999',
    'x-ratelimit-reset': reset,
  };
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...limits, ...headers },
    body: Buffer.from(JSON.stringify({ success: false, error: { code, message: code, requestId } })),
  };
}

/**
 * An interception answering 404 for every operation of `spec` not in `served` (matched by
 * method and path template), and passing the served ones through.
 */
export function servingOnly(spec: ApiSpec, served: readonly string[]): Intercept {
  const missing = spec.operations
    .filter((op) => !served.includes(op.operationId))
    .map((op) => ({
      method: op.method,
      path: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }));
  // A served operation on the same path wins over a missing one ("/api-keys/{id}" vs a literal).
  const servedRoutes = spec.operations
    .filter((op) => served.includes(op.operationId))
    .map((op) => ({ method: op.method, path: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
  return (method, pathname) => {
    if (servedRoutes.some((r) => r.method === method && r.path.test(pathname))) return undefined;
    return missing.some((r) => r.method === method && r.path.test(pathname))
      ? errorAnswer(404, 'not_found')
      : undefined;
  };
}

/** An interception for `path` that refuses every method but `methods`: 405 with `Allow` naming them. */
export function allowingOnly(path: string, methods: readonly string[]): Intercept {
  return (method, pathname) =>
    pathname === path && !methods.includes(method)
      ? errorAnswer(405, 'method_not_allowed', { allow: methods.join(', ') })
      : undefined;
}

/** The first interception that answers. */
export function firstOf(...intercepts: readonly Intercept[]): Intercept {
  return (method, pathname) => {
    for (const intercept of intercepts) {
      const answer = intercept(method, pathname);
      if (answer) return answer;
    }
    return undefined;
  };
}

/** A defect planted in the partial server (test/support/planted-defects.ts); none: the server is right. */
export interface Plant {
  /** Answers some requests itself, before the partial server's 404s. */
  readonly intercept?: Intercept;
  readonly tamper?: Tamper;
  readonly fault?: SemanticFault;
}

/** Starts the partial server (serving `served` of the contract, every other operation 404) with `plant` in it. */
export function startPartialServer(
  plant: Plant = {},
  served: readonly string[] = PARTIAL_OPERATIONS,
): Promise<BrokenSemanticsServer> {
  const partial = servingOnly(contract, served);
  return startBrokenSemantics({
    ...plant,
    intercept: plant.intercept ? firstOf(plant.intercept, partial) : partial,
  });
}

/** What a run against the partial server is given: the fixture's key, the stub's demo user besides it, its tiers. */
export function partialRunOptions(server: BrokenSemanticsServer) {
  return {
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    email: server.stub.demoUser.email,
    password: server.stub.demoUser.password,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    // The fixture's stub runs a 1 s reuse leeway: declared, as a server team declares its own.
    refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
  } satisfies ConformanceOptions;
}
