/**
 * @module OpenAPI runtime expressions (OpenAPI 3.1 §4.8.20.4), evaluated against one exchange:
 * `$response.body#/data/id`, `$response.header.Location`, `$request.path.id`, …
 */
import type { Case } from '../generate/case.ts';
import { getAtPointer } from '../spec/json-pointer.ts';
import type { Json } from '../spec/types.ts';

/** What an expression can read. */
export interface ExpressionSource {
  readonly testCase: Case | undefined;
  readonly url: string;
  readonly method: string;
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: Json | undefined;
}

function evaluateOne(expression: string, src: ExpressionSource): Json | undefined {
  if (expression === '$url') return src.url;
  if (expression === '$method') return src.method;
  if (expression === '$statusCode') return src.status;
  const body = /^\$(request|response)\.body(?:#(.*))?$/.exec(expression);
  if (body) {
    const root = body[1] === 'response' ? src.responseBody : src.testCase?.body?.value;
    return root === undefined ? undefined : getAtPointer(root, decodeURIComponent(body[2] ?? ''));
  }
  const header = /^\$response\.header\.(.+)$/.exec(expression);
  if (header?.[1]) return src.responseHeaders[header[1].toLowerCase()];
  const request = /^\$request\.(path|query|header)\.(.+)$/.exec(expression);
  if (request?.[1] && request[2]) {
    const name = request[2];
    if (request[1] === 'path') return src.testCase?.pathParams[name];
    if (request[1] === 'query') return src.testCase?.query[name];
    const headers = src.testCase?.headers ?? {};
    return Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  }
  return undefined;
}

/**
 * The value of a link parameter: a runtime expression, a string embedding `{expressions}`, or
 * a constant. `undefined` when an expression points at nothing.
 */
export function evaluateExpression(value: Json, src: ExpressionSource): Json | undefined {
  if (typeof value !== 'string') return value;
  if (value.startsWith('$')) return evaluateOne(value, src);
  if (!value.includes('{$')) return value;
  let missing = false;
  const text = value.replace(/\{(\$[^}]+)\}/g, (_, expr: string) => {
    const v = evaluateOne(expr, src);
    if (v === undefined) missing = true;
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
  return missing ? undefined : text;
}
