/**
 * @module Defects planted in the partial server (test/support/partial-server.ts), one rule of the
 * contract each, for the tests that show the runner failing the right check on the right
 * operation. Each is an {@link Intercept} (answered instead of the stub) or a {@link Tamper} (the
 * stub's answer changed); the stateful ones are made fresh per server. A credential the defect
 * pretends still works is answered as the fixture's admin key would be.
 */
import type { ApiSpec } from '../../src/spec/types.ts';
import { type Intercept, type Passing, SEMANTICS_FIXTURE, type Tamper } from './broken-semantics.ts';
import { errorAnswer } from './partial-server.ts';

/** A path template as a pattern of concrete paths. */
const pathPattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** The request answered as the admin key would be: a refused credential that works anyway. */
const asAdmin = (p: Passing) =>
  p.resend({ headers: { authorization: undefined, 'x-api-key': SEMANTICS_FIXTURE.apiKey } });

/** The body of a JSON answer (`undefined` when it is none). */
function json(p: Passing): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(p.answer.body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `data` of a JSON envelope. */
const data = (p: Passing) => json(p)?.data as Record<string, unknown> | undefined;

/** RFC 9110 §15.5.6 broken: a method `path` does not document is answered 405 with `Allow` naming only `allow`. */
export function allowListing(spec: ApiSpec, path: string, allow: readonly string[]): Intercept {
  const documented = spec.pathMethods.get(path) ?? [];
  const pattern = pathPattern(path);
  return (method, pathname) =>
    pattern.test(pathname) && !(documented as readonly string[]).includes(method)
      ? errorAnswer(405, 'method_not_allowed', { allow: allow.join(', ') })
      : undefined;
}

/**
 * `format: date-time` broken: a digits-only value of `params` on GET `pathname` (`12345`, read as a
 * Unix time) is accepted — the request is answered as if the parameter had not been sent.
 */
export function lenientDateTime(pathname: string, params: readonly string[]): Tamper {
  return (p) => {
    if (p.method !== 'GET' || p.url.pathname !== pathname || p.answer.status !== 400) return undefined;
    const query = new URLSearchParams(p.url.search);
    const numeric = params.filter((name) => /^\d+$/.test(query.get(name) ?? ''));
    if (numeric.length === 0) return undefined;
    for (const name of numeric) query.delete(name);
    const search = query.toString();
    return p.resend({ path: `${pathname}${search ? `?${search}` : ''}` });
  };
}

/** Logout broken: the access token of a logged-out session keeps working. */
export function tokensSurviveLogout(): Tamper {
  const loggedOut = new Set<string>();
  return (p) => {
    const bearer = p.headers.authorization;
    if (p.method === 'POST' && p.url.pathname === '/api/auth/logout' && p.answer.status < 300 && bearer)
      loggedOut.add(bearer);
    return bearer && loggedOut.has(bearer) && p.answer.status === 401 ? asAdmin(p) : undefined;
  };
}

/** Rotation broken: a rotated key's old secret keeps working after the grace (previousKeyExpiresAt). */
export function oldSecretsSurviveRotation(): Tamper {
  const secrets = new Map<string, string>(); // key id → its current secret
  const old = new Set<string>();
  return (p) => {
    const d = data(p);
    if (p.method === 'POST' && p.url.pathname === '/api/v1/api-keys' && p.answer.status < 300)
      if (typeof d?.id === 'string' && typeof d.key === 'string') secrets.set(d.id, d.key);
    const rotated = /^\/api\/v1\/api-keys\/([^/]+)\/rotate$/.exec(p.url.pathname)?.[1];
    if (p.method === 'POST' && rotated && p.answer.status < 300 && typeof d?.key === 'string') {
      const previous = secrets.get(rotated);
      if (previous) old.add(previous);
      secrets.set(rotated, d.key);
    }
    const key = p.headers['x-api-key'];
    return key && old.has(key) && p.answer.status === 401 ? asAdmin(p) : undefined;
  };
}

/** Scopes broken on one write: createApiKey does not require `write:api_keys` (answered as for the admin). */
export function createIgnoresWriteScope(): Tamper {
  return (p) => {
    if (p.method !== 'POST' || p.url.pathname !== '/api/v1/api-keys' || p.answer.status !== 403)
      return undefined;
    const error = json(p)?.error as Record<string, unknown> | undefined;
    return error?.scope === 'write:api_keys' ? asAdmin(p) : undefined;
  };
}

/** "Rate limits" broken: answers to GET `pathname` lack `header`. */
export function withoutHeader(pathname: string, header: string): Tamper {
  return (p) => {
    if (p.method !== 'GET' || p.url.pathname !== pathname) return undefined;
    const headers = Object.fromEntries(
      Object.entries(p.answer.headers).filter(([name]) => name.toLowerCase() !== header.toLowerCase()),
    );
    return { ...p.answer, headers };
  };
}
