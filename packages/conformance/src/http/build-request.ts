/**
 * @module Serialises a case into a request: path templating, query strings (form style,
 * OpenAPI 3.1 §4.8.12.4), JSON and form-urlencoded bodies.
 */
import type { Case } from '../generate/case.ts';
import type { Json, OperationSpec } from '../spec/types.ts';
import type { PreparedRequest } from './types.ts';

function scalar(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Fills `{name}` templates; values are percent-encoded as one segment (RFC 3986 §3.3). */
export function fillPath(template: string, params: Readonly<Record<string, Json>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : encodeURIComponent(scalar(value));
  });
}

/** The query string (with `?`) for the given parameters, or `''`. */
export function queryString(op: OperationSpec | undefined, query: Readonly<Record<string, Json>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const explode = op?.parameters.find((p) => p.in === 'query' && p.name === name)?.explode ?? true;
    if (Array.isArray(value)) {
      if (explode) for (const item of value as readonly Json[]) search.append(name, scalar(item));
      else search.append(name, (value as readonly Json[]).map(scalar).join(','));
    } else {
      search.append(name, scalar(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Serialises a body value for its media type. */
export function serializeBody(contentType: string | null, value: Json): string {
  if (
    contentType &&
    /x-www-form-urlencoded/i.test(contentType) &&
    typeof value === 'object' &&
    value &&
    !Array.isArray(value)
  ) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(value)) if (v !== undefined) form.append(k, scalar(v));
    return form.toString();
  }
  return JSON.stringify(value);
}

/** Joins a base URL (which may carry a path prefix) and an API path. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

/** `Accept` listing every media type the operation documents (RFC 9110 §12.5.1), JSON when none. */
export function acceptFor(op: OperationSpec | undefined): string {
  const types = new Set(op?.responses.flatMap((r) => r.content.map((m) => m.contentType)) ?? []);
  return types.size === 0 ? 'application/json' : [...types].join(', ');
}

/** The request for `testCase` against `op` (auth headers are added by the caller). */
export function buildRequest(
  baseUrl: string,
  method: string,
  pathTemplate: string,
  op: OperationSpec | undefined,
  testCase: Case,
  authHeaders: Readonly<Record<string, string>>,
): PreparedRequest {
  const headers: Record<string, string> = { Accept: acceptFor(op), ...authHeaders, ...testCase.headers };
  let body: string | undefined;
  if (testCase.body) {
    body = testCase.body.raw ?? serializeBody(testCase.body.contentType, testCase.body.value);
    if (testCase.body.contentType !== null) headers['Content-Type'] = testCase.body.contentType;
  }
  const url = joinUrl(baseUrl, fillPath(pathTemplate, testCase.pathParams) + queryString(op, testCase.query));
  return { method, url, headers, body };
}
