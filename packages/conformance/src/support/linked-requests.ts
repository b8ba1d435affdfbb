/**
 * @module Follow-up requests for the stateful checks: through the response's OpenAPI links
 * when the document has them, else to the GET on the resource path (`POST /x` → `GET /x/{id}`).
 */
import type { Case } from '../generate/case.ts';
import { isObject } from '../spec/json-pointer.ts';
import { responseFor } from '../spec/lookup.ts';
import type { ApiSpec, Json, OperationSpec } from '../spec/types.ts';
import type { Exchange } from './exchange.ts';
import { evaluateExpression } from './link-expressions.ts';

/** A request to make after an exchange, and how it was found. */
export interface LinkedRequest {
  readonly target: OperationSpec;
  readonly testCase: Case;
  /** `link <name>` or `path convention`. */
  readonly via: string;
}

/** The id a create or read response names (`data.id`, else `id`). */
export function resourceId(json: Json | undefined): string | undefined {
  if (!isObject(json)) return undefined;
  const data = isObject(json.data) ? json.data : json;
  return typeof data.id === 'string' ? data.id : undefined;
}

function emptyCase(description: string): Case {
  return { pathParams: {}, query: {}, headers: {}, body: undefined, auth: 'default', description };
}

/** Requests the documented links of `exchange`'s response describe, restricted to GETs. */
export function linkedReads(spec: ApiSpec, exchange: Exchange): LinkedRequest[] {
  const op = exchange.operation;
  if (!op) return [];
  const documented = responseFor(op, exchange.response.status);
  const out: LinkedRequest[] = [];
  for (const link of documented?.links ?? []) {
    const target = spec.operations.find((o) => o.operationId === link.operationId);
    if (target?.method !== 'GET') continue;
    const pathParams: Record<string, Json> = {};
    const query: Record<string, Json> = {};
    let complete = true;
    for (const [rawName, expression] of Object.entries(link.parameters)) {
      const value = evaluateExpression(expression, {
        testCase: exchange.testCase,
        url: exchange.request.url,
        method: exchange.request.method,
        status: exchange.response.status,
        responseHeaders: exchange.response.headers,
        responseBody: exchange.json,
      });
      if (value === undefined) complete = false;
      const [where, name] = rawName.includes('.')
        ? (rawName.split('.', 2) as [string, string])
        : [undefined, rawName];
      const param = target.parameters.find((p) => p.name === name && (where === undefined || p.in === where));
      if (param?.in === 'query') query[name] = value ?? null;
      else pathParams[name] = value ?? null;
    }
    if (!complete) continue;
    out.push({
      target,
      testCase: { ...emptyCase(`stateful: link ${link.name} from ${op.operationId}`), pathParams, query },
      via: `link ${link.name}`,
    });
  }
  return out;
}

/** The GET on `/collection/{id}` for a create on `/collection`, with the created id. */
export function conventionalRead(spec: ApiSpec, create: Exchange): LinkedRequest | undefined {
  const op = create.operation;
  const id = resourceId(create.json);
  if (!op || !id) return undefined;
  const target = spec.operations.find(
    (o) =>
      o.method === 'GET' &&
      /^\/\{[^}/]+\}$/.test(o.path.slice(op.path.length)) &&
      o.path.startsWith(`${op.path}/`),
  );
  const name = target?.parameters.find((p) => p.in === 'path')?.name;
  if (!target || !name) return undefined;
  return {
    target,
    testCase: {
      ...emptyCase(`stateful: read ${id} created by ${op.operationId}`),
      pathParams: { [name]: id },
    },
    via: 'path convention',
  };
}

/** The GET on the same path as a DELETE, with the same path parameters. */
export function readAfterDelete(spec: ApiSpec, del: Exchange): LinkedRequest | undefined {
  const op = del.operation;
  const target = op && spec.operations.find((o) => o.method === 'GET' && o.path === op.path);
  if (!op || !target || !del.testCase) return undefined;
  return {
    target,
    testCase: { ...emptyCase(`stateful: read after ${op.operationId}`), pathParams: del.testCase.pathParams },
    via: 'same path',
  };
}
